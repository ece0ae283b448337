//! No import cycles (issue 17 §5): in every directory of `src/`, the child
//! modules (a child directory counts as one unit) depend on each other one
//! way only.
//!
//! The graph is read from the source text: `use crate::…`/`use super::…`
//! (use groups expanded) and inline `crate::`/`super::` paths, leaving out
//! comments, string and char literals, `#[cfg(test)]` items (test modules,
//! declared inline or as files) and `mod tests` blocks, and `pub(in …)`
//! visibilities (a visibility is no dependency). A path is resolved to the
//! longest module it names, and through that module's re-exports
//! (`pub use`): `super::LookupTable` in a sibling of `state` depends on
//! `state`, not on the parent that re-exports it.
//!
//! On a cycle the test prints it as `a -> b -> a`, with the file and line
//! of each edge.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A module's path below the crate root: `["tui", "screens", "kind"]`.
type ModPath = Vec<String>;

/// Where one module names another.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edge {
    from: ModPath,
    to: ModPath,
    /// The file, as `src/…` (the name it was given).
    file: String,
    line: usize,
    /// The path as written, `super::state::LookupTable`.
    path: String,
}

/// One cycle between the children of `parent`: `units[0] -> units[1] ->
/// … -> units[0]`, and for each step the edge that makes it.
#[derive(Debug)]
struct Cycle {
    parent: ModPath,
    units: Vec<String>,
    edges: Vec<Edge>,
    /// Every unit that reaches every other through the cycle's group.
    group: BTreeSet<String>,
}

impl Cycle {
    fn describe(&self) -> String {
        let dir = if self.parent.is_empty() {
            "src/".to_string()
        } else {
            format!("src/{}/", self.parent.join("/"))
        };
        let mut names = self.units.clone();
        names.push(self.units[0].clone());
        let mut text = format!("in {dir}: {}\n", names.join(" -> "));
        for (step, edge) in self.edges.iter().enumerate() {
            let to = &self.units[(step + 1) % self.units.len()];
            let _ = writeln!(
                text,
                "    {} -> {to}: {}:{} names {}",
                self.units[step], edge.file, edge.line, edge.path
            );
        }
        if self.group.len() > self.units.len() {
            let group: Vec<&str> = self.group.iter().map(String::as_str).collect();
            let _ = writeln!(text, "    ({} all reach each other)", group.join(", "));
        }
        text
    }
}

// ---- the source text, code only -----------------------------------------------

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// `text` with comments and string/char literals blanked (newlines and byte
/// offsets kept, so lines still count).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for byte in &mut out[from..to.min(b.len())] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let prev_ident = i > 0 && is_ident(b[i - 1]);
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if !prev_ident && (b[i] == b'r' || b[i..].starts_with(b"br")) && raw_start(b, i) {
            let r = if b[i] == b'r' { i } else { i + 1 };
            let hashes = b[r + 1..].iter().take_while(|&&c| c == b'#').count();
            let body = r + 1 + hashes + 1;
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end = (body..b.len())
                .find(|&j| b[j..].starts_with(&close))
                .map_or(b.len(), |j| j + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A char literal ('a', '\n', '\u{..}', '…'), or a lifetime.
            let next = text[i + 1..].chars().next();
            let after = next.map(|c| i + 1 + c.len_utf8());
            let end = match (next, after) {
                (Some('\\'), _) => {
                    let mut j = i + 3;
                    while j < b.len() && b[j] != b'\'' {
                        j += 1;
                    }
                    Some(j + 1)
                }
                (Some(_), Some(a)) if b.get(a) == Some(&b'\'') => Some(a + 1),
                _ => None,
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A raw string (`r"`, `r#"`, `br#"`) starts at `i`.
fn raw_start(b: &[u8], i: usize) -> bool {
    let r = if b[i] == b'r' { i } else { i + 1 };
    let hashes = b[r + 1..].iter().take_while(|&&c| c == b'#').count();
    b.get(r + 1 + hashes) == Some(&b'"')
}

/// The end (exclusive) of the `{…}` opening at `open`.
fn block_end(b: &[u8], open: usize) -> usize {
    let mut depth = 0;
    for (j, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    b.len()
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The identifier at `i` (with a leading `$`, for `$crate`), and its end.
fn ident_at(b: &[u8], i: usize) -> Option<(&str, usize)> {
    let start = i;
    let mut j = i;
    if b.get(j) == Some(&b'$') {
        j += 1;
    }
    if !b
        .get(j)
        .is_some_and(|&c| is_ident(c) && !c.is_ascii_digit())
    {
        return None;
    }
    while j < b.len() && is_ident(b[j]) {
        j += 1;
    }
    std::str::from_utf8(&b[start..j]).ok().map(|s| (s, j))
}

/// Word `word` starts at `i` (not inside a longer identifier).
fn word_at(b: &[u8], i: usize, word: &str) -> bool {
    (i == 0 || !is_ident(b[i - 1]))
        && b[i..].starts_with(word.as_bytes())
        && !b.get(i + word.len()).is_some_and(|&c| is_ident(c))
}

fn blank_range(code: &mut [u8], from: usize, to: usize) {
    for byte in &mut code[from..to] {
        if *byte != b'\n' {
            *byte = b' ';
        }
    }
}

/// `code` without test-only items and visibilities, and the names of the
/// test modules it declares as files (`#[cfg(test)] mod tests;`).
fn without_tests(code: &str) -> (String, Vec<String>) {
    let mut b = code.as_bytes().to_vec();
    let mut test_mods = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"#[") {
            let close = block_of(&b, i + 1, b'[', b']');
            let attr: String = String::from_utf8_lossy(&b[i + 2..close - 1])
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if attr != "cfg(test)" {
                i = close;
                continue;
            }
            // The item the attribute is on: to its `;` or its `{…}`.
            let mut item = skip_ws(&b, close);
            while b[item..].starts_with(b"#[") {
                item = skip_ws(&b, block_of(&b, item + 1, b'[', b']'));
            }
            let mut j = item;
            let mut depth = 0i32;
            let end = loop {
                match b.get(j) {
                    None => break b.len(),
                    Some(b'(' | b'[') => depth += 1,
                    Some(b')' | b']') => depth -= 1,
                    Some(b';') if depth == 0 => break j + 1,
                    Some(b'{') if depth == 0 => break block_end(&b, j),
                    _ => {}
                }
                j += 1;
            };
            if let Some(name) = mod_declared(&b[item..end]) {
                test_mods.push(name);
            }
            blank_range(&mut b, i, end);
            i = end;
        } else if word_at(&b, i, "mod") {
            let name = skip_ws(&b, i + 3);
            match ident_at(&b, name) {
                Some(("tests", after)) if b.get(skip_ws(&b, after)) == Some(&b'{') => {
                    let end = block_end(&b, skip_ws(&b, after));
                    blank_range(&mut b, i, end);
                    i = end;
                }
                _ => i += 3,
            }
        } else if word_at(&b, i, "pub") {
            // `pub(in crate::a)` says who may see, not what is used.
            let open = skip_ws(&b, i + 3);
            let inner = skip_ws(&b, open + 1);
            if b.get(open) == Some(&b'(') && word_at(&b, inner, "in") {
                let end = block_of(&b, open, b'(', b')');
                blank_range(&mut b, i, end);
                i = end;
            } else {
                i += 3;
            }
        } else {
            i += 1;
        }
    }
    (String::from_utf8(b).unwrap_or_default(), test_mods)
}

/// The end (exclusive) of the bracketed group opening at `open`.
fn block_of(b: &[u8], open: usize, left: u8, right: u8) -> usize {
    let mut depth = 0;
    for (j, &c) in b.iter().enumerate().skip(open) {
        if c == left {
            depth += 1;
        } else if c == right {
            depth -= 1;
            if depth == 0 {
                return j + 1;
            }
        }
    }
    b.len()
}

/// `[pub[(…)]] mod NAME;`: NAME.
fn mod_declared(item: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(item);
    let text = text.trim();
    let rest = text.strip_suffix(';')?.trim();
    let rest = match rest.strip_prefix("pub") {
        Some(r) if r.trim_start().starts_with('(') => r.split_once(')')?.1,
        Some(r) => r,
        None => rest,
    };
    let name = rest.trim().strip_prefix("mod")?.trim();
    (!name.is_empty() && name.bytes().all(is_ident)).then(|| name.to_string())
}

// ---- paths ------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Path,
    Open,
    Close,
    Comma,
    Star,
    Other,
}

fn tokens(b: &[u8], from: usize, to: usize) -> Vec<(Token, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if let Some((id, end)) = ident_at(b, i) {
            out.push((Token::Ident(id.to_string()), i));
            i = end;
        } else if b[i..to].starts_with(b"::") {
            out.push((Token::Path, i));
            i += 2;
        } else {
            let token = match c {
                b'{' => Token::Open,
                b'}' => Token::Close,
                b',' => Token::Comma,
                b'*' => Token::Star,
                _ => Token::Other,
            };
            out.push((token, i));
            i += 1;
        }
    }
    out
}

/// A path in a file.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    parts: Vec<String>,
    /// The offset of its last part.
    at: usize,
    /// The name a `use` brings in (`None` for `*` and inline paths).
    name: Option<String>,
    /// A `pub use`: the name is re-exported.
    public: bool,
}

/// The paths of a use tree.
fn use_tree(toks: &[(Token, usize)], pos: &mut usize, prefix: &[String], out: &mut Vec<Found>) {
    let Some((token, at)) = toks.get(*pos).cloned() else {
        return;
    };
    *pos += 1;
    match token {
        Token::Open => loop {
            match toks.get(*pos).map(|t| &t.0) {
                None => return,
                Some(Token::Close) => {
                    *pos += 1;
                    return;
                }
                Some(Token::Comma) => *pos += 1,
                Some(_) => use_tree(toks, pos, prefix, out),
            }
        },
        Token::Star => {
            let mut parts = prefix.to_vec();
            parts.push("*".to_string());
            out.push(Found {
                parts,
                at,
                name: None,
                public: false,
            });
        }
        Token::Path => use_tree(toks, pos, prefix, out),
        Token::Ident(part) => {
            let mut parts = prefix.to_vec();
            parts.push(part.clone());
            if toks.get(*pos).map(|t| &t.0) == Some(&Token::Path) {
                *pos += 1;
                use_tree(toks, pos, &parts, out);
                return;
            }
            let mut name = if part == "self" {
                prefix.last().cloned()
            } else {
                Some(part)
            };
            if toks.get(*pos).map(|t| &t.0) == Some(&Token::Ident("as".to_string())) {
                if let Some((Token::Ident(alias), _)) = toks.get(*pos + 1) {
                    name = Some(alias.clone());
                }
                *pos += 2;
            }
            out.push(Found {
                parts,
                at,
                name,
                public: false,
            });
        }
        Token::Close | Token::Comma | Token::Other => {}
    }
}

/// The `use` at `i` is `pub` or `pub(…)`.
fn is_pub(b: &[u8], i: usize) -> bool {
    let mut j = i;
    while j > 0 && b[j - 1].is_ascii_whitespace() {
        j -= 1;
    }
    if j > 0 && b[j - 1] == b')' {
        match b[..j].iter().rposition(|&c| c == b'(') {
            Some(open) => j = open,
            None => return false,
        }
        while j > 0 && b[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
    }
    j >= 3 && word_at(b, j - 3, "pub")
}

/// Every path in `code` that may name a module of the crate: the paths of
/// `use` declarations, then inline `crate::`/`super::` paths.
fn paths(code: &str) -> Vec<Found> {
    let mut b = code.as_bytes().to_vec();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if word_at(&b, i, "use") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b';')
                .map_or(b.len(), |n| i + n);
            let toks = tokens(&b, i + 3, end);
            let public = is_pub(&b, i);
            let mut pos = 0;
            let mut found = Vec::new();
            while pos < toks.len() {
                use_tree(&toks, &mut pos, &[], &mut found);
            }
            out.extend(found.into_iter().map(|f| Found { public, ..f }));
            blank_range(&mut b, i, end);
            i = end;
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i < b.len() {
        if i > 0 && (is_ident(b[i - 1]) || b[i - 1] == b'$') {
            i += 1;
            continue;
        }
        let Some((first, mut end)) = ident_at(&b, i) else {
            i += 1;
            continue;
        };
        if matches!(first, "crate" | "$crate" | "super") {
            let mut path = vec![first.to_string()];
            let mut last = i;
            while b[end..].starts_with(b"::") {
                match ident_at(&b, end + 2) {
                    Some((part, after)) if !part.starts_with('$') => {
                        path.push(part.to_string());
                        last = end + 2;
                        end = after;
                    }
                    _ => break,
                }
            }
            if path.len() > 1 {
                out.push(Found {
                    parts: path,
                    at: last,
                    name: None,
                    public: false,
                });
            }
        }
        i = end;
    }
    out
}

/// The modules of the crate, and what each re-exports (`pub use`).
struct Modules {
    all: BTreeSet<ModPath>,
    /// Per module: each name it re-exports, and the path it was used by.
    exports: BTreeMap<ModPath, BTreeMap<String, Vec<String>>>,
}

impl Modules {
    /// The module `path` names, seen from `module`: the longest run of
    /// its parts that is a module, or, when the next part is a name that
    /// module re-exports, the module it comes from. `None` for paths
    /// outside the crate.
    fn resolve(&self, module: &[String], path: &[String]) -> Option<ModPath> {
        self.resolve_within(module, path, 0)
    }

    fn resolve_within(&self, module: &[String], path: &[String], depth: usize) -> Option<ModPath> {
        let first = path.first()?.as_str();
        let (mut base, rest): (ModPath, &[String]) = match first {
            "crate" | "$crate" => (Vec::new(), &path[1..]),
            "self" => (module.to_vec(), &path[1..]),
            "super" => {
                let supers = path.iter().take_while(|p| *p == "super").count();
                let base = module.get(..module.len().checked_sub(supers)?)?;
                (base.to_vec(), &path[supers..])
            }
            // A child module, named from its parent (`use kind::Words;`).
            _ if self.all.contains(&[module, &path[..1]].concat()) => (module.to_vec(), path),
            _ => return None,
        };
        let mut used = 0;
        for part in rest {
            base.push(part.clone());
            if !self.all.contains(&base) {
                base.pop();
                break;
            }
            used += 1;
        }
        let rest = &rest[used..];
        let export = rest
            .first()
            .and_then(|name| self.exports.get(&base)?.get(name));
        if let Some(source) = export
            && depth < 8
        {
            let path: Vec<String> = source.iter().chain(&rest[1..]).cloned().collect();
            if let Some(found) = self.resolve_within(&base, &path, depth + 1) {
                return Some(found);
            }
        }
        Some(base)
    }
}

// ---- the graph -----------------------------------------------------------------

/// The module a file under `src/` holds: `a/b.rs` is `a::b`, `a/mod.rs` is
/// `a`, `lib.rs` and `main.rs` are the root.
fn module_of(rel: &str) -> ModPath {
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: ModPath = rel.split('/').map(str::to_string).collect();
    let last = parts.last().map(String::as_str);
    if matches!(last, Some("mod")) || (parts.len() == 1 && matches!(last, Some("lib" | "main"))) {
        parts.pop();
    }
    parts
}

/// The edges between the modules of `files` (`(path under src/, text)`),
/// test modules left out.
fn edges(files: &[(String, String)]) -> Vec<Edge> {
    let mut code = BTreeMap::new();
    let mut test_mods = Vec::new();
    for (rel, text) in files {
        let module = module_of(rel);
        let (stripped, tests) = without_tests(&code_only(text));
        test_mods.extend(tests.into_iter().map(|name| {
            let mut m = module.clone();
            m.push(name);
            m
        }));
        code.insert(module, (rel.clone(), stripped));
    }
    code.retain(|m, _| !test_mods.iter().any(|t| m.starts_with(t)));
    let found: BTreeMap<&ModPath, Vec<Found>> =
        code.iter().map(|(m, (_, text))| (m, paths(text))).collect();
    let mut modules = Modules {
        all: code.keys().cloned().collect(),
        exports: BTreeMap::new(),
    };
    for (&module, paths) in &found {
        for path in paths.iter().filter(|p| p.public) {
            if let Some(name) = &path.name {
                let names = modules.exports.entry(module.clone()).or_default();
                names.insert(name.clone(), path.parts.clone());
            }
        }
    }
    let mut out = Vec::new();
    for (module, (rel, text)) in &code {
        let line_of = |at: usize| text[..at].matches('\n').count() + 1;
        for path in &found[module] {
            if let Some(to) = modules.resolve(module, &path.parts) {
                out.push(Edge {
                    from: module.clone(),
                    to,
                    file: format!("src/{rel}"),
                    line: line_of(path.at),
                    path: path.parts.join("::"),
                });
            }
        }
    }
    out
}

/// The cycles between sibling modules: for each module with children, the
/// edges between its children (each child with what is under it), and in
/// each strongly connected group of them, one shortest cycle.
fn cycles(edges: &[Edge]) -> Vec<Cycle> {
    let parents: BTreeSet<ModPath> = edges
        .iter()
        .flat_map(|e| [&e.from, &e.to])
        .flat_map(|m| (0..m.len()).map(|n| m[..n].to_vec()))
        .collect();
    let mut found = Vec::new();
    for parent in parents {
        let unit = |m: &ModPath| {
            (m.len() > parent.len() && m.starts_with(&parent)).then(|| m[parent.len()].clone())
        };
        let mut graph: BTreeMap<String, BTreeMap<String, &Edge>> = BTreeMap::new();
        for edge in edges {
            if let (Some(a), Some(b)) = (unit(&edge.from), unit(&edge.to))
                && a != b
            {
                graph.entry(a).or_default().entry(b).or_insert(edge);
            }
        }
        for group in strongly_connected(&graph) {
            let units = shortest_cycle(&graph, &group);
            let edges = (0..units.len())
                .map(|k| graph[&units[k]][&units[(k + 1) % units.len()]].clone())
                .collect();
            found.push(Cycle {
                parent: parent.clone(),
                units,
                edges,
                group,
            });
        }
    }
    found
}

type Graph<'a> = BTreeMap<String, BTreeMap<String, &'a Edge>>;

/// The groups of more than one node that reach each other.
fn strongly_connected(graph: &Graph) -> Vec<BTreeSet<String>> {
    let nodes: BTreeSet<&String> = graph
        .iter()
        .flat_map(|(a, to)| std::iter::once(a).chain(to.keys()))
        .collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([from.clone()]);
        while let Some(n) = queue.pop_front() {
            for next in graph.get(&n).into_iter().flat_map(|to| to.keys()) {
                if seen.insert(next.clone()) {
                    queue.push_back(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|&n| (n, reach(n))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for &n in &nodes {
        if !reached[n].contains(n) || groups.iter().any(|g| g.contains(n)) {
            continue;
        }
        let group = nodes
            .iter()
            .filter(|&&m| reached[n].contains(m) && reached[m].contains(n))
            .map(|&m| m.clone())
            .collect();
        groups.push(group);
    }
    groups
}

/// The shortest cycle through the group's first node, within the group.
fn shortest_cycle(graph: &Graph, group: &BTreeSet<String>) -> Vec<String> {
    let Some(start) = group.first() else {
        return Vec::new();
    };
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = VecDeque::from([start.clone()]);
    while let Some(n) = queue.pop_front() {
        for next in graph.get(&n).into_iter().flat_map(|to| to.keys()) {
            if !group.contains(next) {
                continue;
            }
            if next == start {
                let mut path = vec![n.clone()];
                while let Some(prev) = path.last().and_then(|p| came_from.get(p)) {
                    path.push(prev.clone());
                }
                path.reverse();
                return path;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next.clone(), n.clone());
                queue.push_back(next.clone());
            }
        }
    }
    vec![start.clone()]
}

fn read_tree(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let rel = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            read_tree(&path, &rel, out);
        } else if name.ends_with(".rs") {
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
            out.push((rel, text));
        }
    }
}

#[test]
fn no_module_imports_a_sibling_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, "", &mut files);
    let edges = edges(&files);
    // The walk saw the crate, not nothing.
    assert!(files.len() > 50, "only {} files under src/", files.len());
    assert!(
        edges
            .iter()
            .any(|e| e.file == "src/tui/mod.rs" || e.from.len() > 2),
        "no edge found"
    );
    let cycles = cycles(&edges);
    let text: Vec<String> = cycles.iter().map(Cycle::describe).collect();
    assert!(
        cycles.is_empty(),
        "modules that import each other (give them a direction):\n{}",
        text.join("\n")
    );
}

// ---- the checker's own tests, on small trees --------------------------------------

fn tree(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

/// The edges as `from -> to` (module paths joined by `/`).
fn arrows(files: &[(&str, &str)]) -> BTreeSet<String> {
    edges(&tree(files))
        .iter()
        .map(|e| format!("{} -> {}", e.from.join("/"), e.to.join("/")))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_cycle_is_found_with_the_lines_of_its_edges() {
    let files = tree(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a.rs", "use std::fmt;\n\nuse super::b::Thing;\n"),
        ("b.rs", "pub struct Thing;\nfn f() { crate::c::g() }\n"),
        ("c.rs", "pub fn g() {\n    let _ = crate::a::X;\n}\n"),
    ]);
    let found = cycles(&edges(&files));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].describe(),
        "in src/: a -> b -> c -> a\n\
         \x20   a -> b: src/a.rs:3 names super::b::Thing\n\
         \x20   b -> c: src/b.rs:2 names crate::c::g\n\
         \x20   c -> a: src/c.rs:2 names crate::a::X\n"
    );
}

#[test]
fn modules_used_one_way_pass() {
    let files = tree(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a.rs", "use super::b::Thing;\nuse crate::c;\n"),
        ("b.rs", "use crate::c::g;\n"),
        ("c.rs", "pub fn g() {}\n"),
    ]);
    let edges = edges(&files);
    assert_eq!(edges.len(), 3, "{edges:?}");
    assert!(cycles(&edges).is_empty());
}

#[test]
fn a_use_group_names_each_module_in_it() {
    let files = [
        ("lib.rs", "mod x;\nmod a;\nmod b;\nmod d;\n"),
        ("b/mod.rs", "pub mod c;\n"),
        ("b/c.rs", ""),
        ("a.rs", ""),
        ("d.rs", ""),
        (
            "x.rs",
            "use super::{a, b::c::{self, Item as Other}, d::*};\npub(crate) use crate::{b};\n",
        ),
    ];
    assert_eq!(
        arrows(&files),
        set(&["x -> a", "x -> b", "x -> b/c", "x -> d"])
    );
}

#[test]
fn comments_strings_and_tests_are_no_edges() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\n#[cfg(test)]\nmod fixtures;\n"),
        ("fixtures.rs", "use crate::a;\n"),
        (
            "a.rs",
            "//! Uses [`crate::b`] and `super::b::X`.\n\
             // use super::b::X;\n\
             /* crate::b::Y /* nested */ super::b::Z */\n\
             const S: &str = \"super::b::X\";\n\
             const R: &str = r#\"crate::b::\"X\"\"#;\n\
             const C: char = '\"';\n\
             pub(in crate::b) fn f<'a>(x: &'a str) -> &'a str { x }\n\
             #[cfg(test)]\n\
             use crate::b::Only;\n\
             #[cfg(test)]\n\
             mod tests {\n    use super::super::b;\n}\n",
        ),
        ("b.rs", "pub fn g() {\n    super::a::f(\"\");\n}\n"),
    ];
    assert_eq!(arrows(&files), set(&["b -> a"]));
}

#[test]
fn a_directory_counts_as_one_unit() {
    let files = tree(&[
        ("lib.rs", "mod a;\nmod d;\n"),
        ("a.rs", "use crate::d::x::X;\n"),
        ("d/mod.rs", "mod x;\nmod y;\n"),
        ("d/x.rs", "pub struct X;\n"),
        ("d/y.rs", "use crate::a;\n"),
    ]);
    let found = cycles(&edges(&files));
    let described: Vec<String> = found.iter().map(Cycle::describe).collect();
    assert_eq!(
        described,
        ["in src/: a -> d -> a\n\
          \x20   a -> d: src/a.rs:1 names crate::d::x::X\n\
          \x20   d -> a: src/d/y.rs:1 names crate::a\n"]
    );
}

#[test]
fn a_re_export_leads_to_the_module_it_comes_from() {
    let files = [
        ("lib.rs", "mod d;\n"),
        (
            "d/mod.rs",
            "mod a;\nmod b;\npub use b::Thing;\npub(crate) use self::a::{Other as Renamed};\nuse std::fmt;\n",
        ),
        ("d/a.rs", "use super::Thing;\npub struct Other;\n"),
        (
            "d/b.rs",
            "pub struct Thing;\nfn f() {\n    super::Renamed::new();\n}\n",
        ),
    ];
    assert_eq!(
        arrows(&files),
        set(&["d -> d/a", "d -> d/b", "d/a -> d/b", "d/b -> d/a"])
    );
    let found = cycles(&edges(&tree(&files)));
    let described: Vec<String> = found.iter().map(Cycle::describe).collect();
    assert_eq!(
        described,
        ["in src/d/: a -> b -> a\n\
          \x20   a -> b: src/d/a.rs:1 names super::Thing\n\
          \x20   b -> a: src/d/b.rs:3 names super::Renamed::new\n"]
    );
}
