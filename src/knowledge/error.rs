//! Load and validation errors, and the one [`Problem`] type every check
//! reports with: the knowledge loader (which names the file, and where it
//! can the section and the field, so a person can fix it without reading
//! code) and moderators' changes and imports (`curation`), which have no file.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with knowledge: a file's, or a moderator's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The knowledge file, when the problem is in one.
    pub file: Option<PathBuf>,
    pub section: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    /// A problem in a knowledge file.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.into()),
            ..Problem::from(message.into())
        }
    }

    /// A problem with a moderator's change or an imported curation file.
    pub fn change(message: impl Into<String>) -> Self {
        Problem {
            file: None,
            section: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn in_section(mut self, id: &str) -> Self {
        self.section = Some(id.to_string());
        self
    }

    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if let Some(section) = &self.section {
            write!(f, "section `{section}`: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Problem::change(message)
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        Problem::change(message)
    }
}

/// Everything wrong with a knowledge directory, all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "the knowledge files have {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl From<Vec<Problem>> for LoadError {
    fn from(problems: Vec<Problem>) -> Self {
        LoadError { problems }
    }
}
