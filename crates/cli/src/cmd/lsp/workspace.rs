//! The answers that reach the whole workspace: references and rename over the open documents
//! and the `*.rules` files under the workspace root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_server::ErrorCode;
use lsp_types as lt;
use serde_json::Value as Json;
use tieuchi_service::{Analysis, SymbolKind};

use super::{Failure, MAX_DEPTH, MAX_FOLDERS, MAX_WORKSPACE_FILES, Server, convert, to_json};
use crate::files;

impl Server {
    /// The `*.rules` files under the workspace root (none without a root), sorted.
    fn workspace_files(&self) -> Vec<PathBuf> {
        /// The walk's bounds: found files, and folders read (a root such as `/` must not
        /// take minutes).
        struct Walk {
            files: Vec<PathBuf>,
            folders: usize,
        }
        fn walk(dir: &Path, depth: usize, w: &mut Walk) {
            if depth > MAX_DEPTH || w.files.len() >= MAX_WORKSPACE_FILES || w.folders >= MAX_FOLDERS
            {
                return;
            }
            w.folders += 1;
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let hidden = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules");
                if hidden || w.files.len() >= MAX_WORKSPACE_FILES {
                    continue;
                }
                // Symbolic links to folders are not followed (no loops).
                let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
                if is_dir {
                    walk(&p, depth + 1, w);
                } else if p.extension().is_some_and(|e| e == "rules") {
                    w.files.push(p);
                }
            }
        }
        let mut w = Walk {
            files: Vec::new(),
            folders: 0,
        };
        if let Some(root) = &self.root {
            walk(root, 0, &mut w);
        }
        w.files
    }

    /// The files to search for a name declared in `declared_in`: the open documents and the
    /// workspace's rule files, each once, whose text holds the name.
    fn candidates(&self, name: &str) -> Vec<(String, String)> {
        let mut out: BTreeMap<String, String> = BTreeMap::new();
        for d in self.docs.values() {
            out.insert(d.name.clone(), d.text.clone());
        }
        for p in self.workspace_files() {
            let n = convert::normalize(&p).display().to_string();
            if out.contains_key(&n) {
                continue;
            }
            if let Ok(text) = files::read_untracked(&p) {
                out.insert(n, text);
            }
        }
        out.into_iter().filter(|(_, t)| t.contains(name)).collect()
    }

    /// Every place, in the workspace, naming the symbol at a position, as (file, span)s
    /// with their locations; and whether some file that names it already declares `taken`.
    fn workspace_places(
        &self,
        a: &Analysis,
        offset: usize,
        include_declaration: bool,
        taken: Option<&str>,
    ) -> (Vec<tieuchi_service::Location>, bool) {
        let mut places = a.references(offset, include_declaration);
        let Some(sym) = a.symbol_at(offset).cloned() else {
            return (places, false);
        };
        let Some(declared_in) = a.files().get(sym.file).map(|f| f.name.clone()) else {
            return (places, false);
        };
        let mut clash = false;
        let kind: SymbolKind = sym.kind;
        for (name, text) in self.candidates(&sym.name) {
            if name == a.main().name {
                continue;
            }
            let other = self.analyse(&name, &text);
            let found = other.references_to(&declared_in, kind, sym.owner.as_deref(), &sym.name);
            if found.is_empty() {
                continue;
            }
            clash |= taken.is_some_and(|t| other.index().is_taken(t));
            for l in found {
                let is_decl = l.file == declared_in && l.span == sym.span;
                if include_declaration || !is_decl {
                    places.push(l);
                }
            }
        }
        places.sort_by(|x, y| (&x.file, x.span.start).cmp(&(&y.file, y.span.start)));
        places.dedup_by(|x, y| x.file == y.file && x.span == y.span);
        (places, clash)
    }

    pub(super) fn references(&self, p: lt::ReferenceParams) -> Result<Json, Failure> {
        let at = p.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(at.position));
        let (places, _) = self.workspace_places(&a, offset, p.context.include_declaration, None);
        let out: Vec<lt::Location> = places.iter().filter_map(convert::location).collect();
        to_json(out)
    }

    pub(super) fn rename(&self, p: lt::RenameParams) -> Result<Json, Failure> {
        let at = p.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(Json::Null);
        };
        let offset = a.offset(convert::from_position(at.position));
        let refuse = |e: tieuchi_service::RenameError| {
            (ErrorCode::InvalidRequest, crate::render::say(&e.message()))
        };
        // Checks the name and the file's own places.
        a.rename(offset, &p.new_name).map_err(refuse)?;
        let (places, clash) = self.workspace_places(&a, offset, true, Some(&p.new_name));
        if clash {
            return Err(refuse(tieuchi_service::RenameError::Taken(p.new_name)));
        }
        let edits = places
            .iter()
            .filter_map(|l| {
                let edit = lt::TextEdit {
                    range: convert::range(l),
                    new_text: p.new_name.clone(),
                };
                Some((convert::name_to_uri(&l.file)?, edit))
            })
            .collect();
        to_json(convert::workspace_edit(edits))
    }
}
