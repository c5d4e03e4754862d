//! A field's value with the source it came from, and fallback chains of sources.

/// A field's value and where it came from (`"og:title"`, `"json-ld headline"`, `"profile"`,
/// …): every field function returns its value this way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sourced<T> {
    /// The value.
    pub(crate) value: T,
    /// The source that gave it (for `--explain` to report; not in the output yet).
    pub(crate) source: &'static str,
}

impl<T> Sourced<T> {
    /// A value from `source`.
    pub(crate) fn new(value: T, source: &'static str) -> Sourced<T> {
        Sourced { value, source }
    }

    /// The value changed by `f`, from the same source.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Sourced<U> {
        Sourced { value: f(self.value), source: self.source }
    }

    /// The value changed by `f`, from the same source, or `None` when `f` finds none.
    pub(crate) fn and_then<U>(self, f: impl FnOnce(T) -> Option<U>) -> Option<Sourced<U>> {
        Some(Sourced { value: f(self.value)?, source: self.source })
    }
}

/// The value of an optional sourced field.
pub(crate) fn value<T>(field: Option<Sourced<T>>) -> Option<T> {
    field.map(|f| f.value)
}

/// A fallback chain: the first source with a value wins; the sources after it are never
/// looked at (some are costly, language detection for one).
#[must_use]
pub(crate) struct Chain<T>(Option<Sourced<T>>);

impl<T> Chain<T> {
    /// An empty chain.
    pub(crate) fn new() -> Chain<T> {
        Chain(None)
    }

    /// `source`'s value, unless an earlier source had one.
    pub(crate) fn or(self, source: &'static str, value: impl FnOnce() -> Option<T>) -> Chain<T> {
        match self.0 {
            Some(_) => self,
            None => Chain(value().map(|v| Sourced::new(v, source))),
        }
    }

    /// The first value found, with its source.
    pub(crate) fn first(self) -> Option<Sourced<T>> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_source_with_a_value_wins_and_later_ones_are_not_computed() {
        let mut asked = Vec::new();
        let mut ask = |name: &'static str, v: Option<u8>| {
            asked.push(name);
            v
        };
        let found = Chain::new().or("a", || ask("a", None)).or("b", || ask("b", Some(2))).or("c", || ask("c", Some(3)));
        assert_eq!(found.first(), Some(Sourced::new(2, "b")));
        assert_eq!(asked, ["a", "b"]);
        assert_eq!(Chain::<u8>::new().or("a", || None).first(), None);
    }
}
