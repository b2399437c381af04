//! How a test names the operation it scripts: an endpoint's `OPERATION` (a typo does not compile), or its
//! name as a string (a typo fails the test, with the closest names).

use intercom_core::operations::{self, Operation};

/// What names an operation for the mock: `GetNote::OPERATION` (preferred: checked by the compiler), an
/// endpoint name such as `"GetNote"`, or Intercom's operationId such as `"retrieveNote"`. With the `preview`
/// feature, `"preview::AskFin"` names a Preview operation.
pub trait OperationKey {
    /// The operation.
    ///
    /// # Panics
    /// For a string that names no operation: the message lists the closest names.
    fn operation(&self) -> &'static Operation;
}

impl OperationKey for &'static Operation {
    fn operation(&self) -> &'static Operation {
        self
    }
}

impl OperationKey for &str {
    fn operation(&self) -> &'static Operation {
        #[cfg(feature = "preview")]
        if let Some(name) = self.strip_prefix("preview::") {
            if let Some(operation) = operations::preview::find(name) {
                return operation;
            }
        }
        operations::find(self).unwrap_or_else(|| {
            panic!("intercom-rs has no operation `{self}`; the closest: {}", closest(self).join(", "))
        })
    }
}

impl OperationKey for String {
    fn operation(&self) -> &'static Operation {
        self.as_str().operation()
    }
}

/// The three endpoint names or operationIds nearest to `name` (edit distance, case ignored).
fn closest(name: &str) -> Vec<&'static str> {
    let wanted = name.to_ascii_lowercase();
    let mut names: Vec<(usize, &'static str)> = operations::ALL
        .iter()
        .flat_map(|op| std::iter::once(op.name).chain(op.id))
        .map(|candidate| (distance(&wanted, &candidate.to_ascii_lowercase()), candidate))
        .collect();
    names.sort();
    names.dedup_by_key(|(_, n)| *n);
    names.into_iter().take(3).map(|(_, n)| n).collect()
}

/// Levenshtein distance, on bytes (names are ASCII).
fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use intercom_core::endpoints::GetNote;

    #[test]
    fn endpoints_names_and_ids_name_the_same_operation() {
        assert!(std::ptr::eq(GetNote::OPERATION.operation(), "GetNote".operation()));
        assert_eq!("retrieveNote".operation().name, "GetNote");
    }

    #[test]
    fn a_typo_names_the_closest_operations() {
        assert_eq!(closest("GetNotes")[0], "GetNote");
        assert_eq!(closest("GetContcat")[0], "GetContact", "{:?}", closest("GetContcat"));
        let message = std::panic::catch_unwind(|| "GetNotes".operation()).unwrap_err();
        let message = message.downcast_ref::<String>().unwrap();
        assert!(message.starts_with("intercom-rs has no operation `GetNotes`; the closest: GetNote"), "{message}");
    }
}
