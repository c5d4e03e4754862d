//! An ordered parallel map with bounded memory: tasks come from one producer thread, `jobs`
//! worker threads turn them into records, and the caller receives the records in task order.
//!
//! Memory is bounded by credits: the producer takes one credit per task and the writer gives
//! one back per record written, so at most `window` tasks are queued, being worked on or
//! waiting in the reorder buffer, whatever the corpus size.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, sync_channel};

use super::order::Reorder;
use super::task::Task;
use crate::{ErrorKind, ErrorRecord, Record};

/// Records in flight per worker: enough to keep every worker busy while one slow page holds
/// back the writer, small enough that memory stays flat.
const WINDOW_PER_JOB: usize = 4;

/// Runs `work` over `tasks` on `jobs` threads (`jobs <= 1`: on the calling thread), calling
/// `emit` once per task, in task order. Stops at the first `emit` error and returns it.
///
/// `work` must not panic (it is given a task and returns its record); a panic in the task
/// source becomes one `internal` error record, and the run ends there.
pub(crate) fn run_ordered<I, W, E>(tasks: I, jobs: usize, work: &W, mut emit: E) -> io::Result<()>
where
    I: Iterator<Item = Task> + Send,
    W: Fn(Task) -> Record + Sync,
    E: FnMut(Record) -> io::Result<()>,
{
    let mut tasks = GuardedSource { inner: tasks, failed: false };
    if jobs <= 1 {
        for task in &mut tasks {
            emit(work(task))?;
        }
        return Ok(());
    }

    let window = jobs * WINDOW_PER_JOB;
    let (credit_tx, credit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        credit_tx.send(()).map_err(|_| io::Error::other("credit channel closed"))?;
    }
    let (task_tx, task_rx) = sync_channel::<(u64, Task)>(window);
    let task_rx = Mutex::new(task_rx);
    let (result_tx, result_rx) = sync_channel::<(u64, Record)>(window);

    std::thread::scope(|scope| {
        // Owned here, so that a writer that stops early closes them and the other threads end.
        let (credit_tx, result_rx) = (credit_tx, result_rx);
        // The producer: one credit per task.
        scope.spawn(move || {
            for (seq, task) in (0u64..).zip(&mut tasks) {
                if credit_rx.recv().is_err() || task_tx.send((seq, task)).is_err() {
                    return; // the writer has stopped
                }
            }
        });
        // The workers.
        for _ in 0..jobs {
            let (task_rx, result_tx) = (&task_rx, result_tx.clone());
            scope.spawn(move || {
                while let Some((seq, task)) = next_task(task_rx) {
                    if result_tx.send((seq, work(task))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        // The writer, on this thread: records in order, one credit back per record. A task
        // needs a credit, so its record always fits the reorder window.
        let mut order = Reorder::new(window);
        for (seq, record) in &result_rx {
            order.insert(seq, record).map_err(|_| io::Error::other("a record outside the reorder window (a bug)"))?;
            while let Some(record) = order.pop() {
                emit(record)?;
                // The producer may be gone (no tasks left): a failed send is fine.
                let _ = credit_tx.send(());
            }
        }
        // Every worker has finished, so every record is in.
        debug_assert_eq!(order.held(), 0);
        Ok(())
    })
}

fn next_task(rx: &Mutex<Receiver<(u64, Task)>>) -> Option<(u64, Task)> {
    rx.lock().unwrap_or_else(|e| e.into_inner()).recv().ok()
}

/// A task source whose panic (a bug in a reader) becomes one `internal` error record and
/// ends the source, instead of taking the run down.
struct GuardedSource<I> {
    inner: I,
    failed: bool,
}

impl<I: Iterator<Item = Task>> Iterator for GuardedSource<I> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        if self.failed {
            return None;
        }
        match catch_unwind(AssertUnwindSafe(|| self.inner.next())) {
            Ok(t) => t,
            Err(_) => {
                self.failed = true;
                Some(Task::Done(Record::Error(ErrorRecord::new(
                    "",
                    None,
                    ErrorKind::Internal,
                    "internal error: the input reader panicked; the inputs after this point were not read (a bug; please report it)",
                ))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(i: usize) -> Task {
        Task::Done(Record::Error(ErrorRecord::new(i.to_string(), None, ErrorKind::Io, "x")))
    }

    fn input(r: &Record) -> String {
        match r {
            Record::Error(e) => e.input.clone(),
            Record::Article(a) => a.input.clone(),
        }
    }

    #[test]
    fn a_panic_becomes_an_internal_record_and_the_next_page_goes_on() {
        use crate::Extractor;
        use crate::batch::task::{Page, Worker};
        let worker = Worker { extractor: Extractor::default(), explain: false };
        let tasks = vec![
            Task::Poison("bad".into()),
            Task::Page(Page {
                input: "good".into(),
                bytes: b"<p>Four fine words here.</p>".to_vec(),
                ..Page::default()
            }),
        ];
        let mut records = Vec::new();
        run_ordered(tasks.into_iter(), 2, &|t| worker.record(t), |r| {
            records.push(r);
            Ok(())
        })
        .unwrap();
        let Record::Error(e) = &records[0] else { panic!("{:?}", records[0]) };
        assert_eq!((e.input.as_str(), e.error.kind), ("bad", ErrorKind::Internal));
        assert!(matches!(&records[1], Record::Article(a) if a.input == "good"));
    }

    #[test]
    fn order_is_kept_with_uneven_work() {
        for jobs in [1, 2, 3, 8] {
            let work = |t: Task| {
                let Task::Done(r) = t else { unreachable!() };
                let n: u64 = input(&r).parse().unwrap();
                std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 500));
                r
            };
            let mut seen = Vec::new();
            run_ordered((0..300).map(error), jobs, &work, |r| {
                seen.push(input(&r));
                Ok(())
            })
            .unwrap();
            let want: Vec<String> = (0..300).map(|i| i.to_string()).collect();
            assert_eq!(seen, want, "jobs {jobs}");
        }
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let work = |t: Task| match t {
            Task::Done(r) => r,
            _ => unreachable!(),
        };
        let mut n = 0;
        let err = run_ordered((0..10_000).map(error), 2, &work, |_| {
            n += 1;
            if n == 5 { Err(io::Error::other("disk full")) } else { Ok(()) }
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(n, 5);
    }

    #[test]
    fn a_panicking_source_gives_one_internal_record() {
        let work = |t: Task| match t {
            Task::Done(r) => r,
            _ => unreachable!(),
        };
        let source = (0..5).map(|i| if i == 3 { panic!("reader bug") } else { error(i) });
        let mut kinds = Vec::new();
        run_ordered(source, 2, &work, |r| {
            if let Record::Error(e) = r {
                kinds.push(e.error.kind);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(kinds, [ErrorKind::Io, ErrorKind::Io, ErrorKind::Io, ErrorKind::Internal]);
    }
}
