//! Benchmark metrics (issue 3): the AEB shingle metric and the trafilatura snippet metric,
//! ported exactly. Not implemented yet.
