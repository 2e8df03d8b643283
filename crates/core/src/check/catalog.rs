//! The checker's message catalogues, one per language: every C and N code's message, help
//! line and secondary label. Same shape as the syntax stage's (`tieuchi_syntax::catalog`).

pub mod en;
pub mod vi;
