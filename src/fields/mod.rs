//! Output fields: each chosen in one place with its fallback chain. For now the pure pieces
//! the field rules build on: dates written in visible text and bylines split into people.

#[allow(dead_code)]
pub(crate) mod person_names;
#[allow(dead_code)]
pub(crate) mod visible_date;
