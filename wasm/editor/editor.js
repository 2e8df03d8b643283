// The playground's code editor: CodeMirror 6 on the language service of the authors' module
// (`analyze` in wasm/src/service.rs). Bundled by wasm/build.sh with esbuild into
// wasm/pkg/editor.js (offline, no CDN). Colouring from the semantic tokens, the checker's
// diagnostics underlined at their exact span with the did-you-mean fix as an action,
// completion, hover cards, formatting. The service's offsets are UTF-16 offsets of the text,
// as CodeMirror's positions are, so no conversion happens here.
import { EditorState, StateEffect, StateField, RangeSetBuilder } from "@codemirror/state";
import {
  EditorView,
  Decoration,
  keymap,
  lineNumbers,
  highlightSpecialChars,
  drawSelection,
  hoverTooltip,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentUnit, bracketMatching } from "@codemirror/language";
import { setDiagnostics, lintGutter, lintKeymap, forEachDiagnostic } from "@codemirror/lint";
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";

/** Class of each semantic token type (the order of `tokenTypes()`). */
const TOKEN_CLASS = [
  "tc-keyword",
  "tc-field",
  "tc-value",
  "tc-let",
  "tc-criterion",
  "tc-indicator",
  "tc-function",
  "tc-number",
  "tc-string",
  "tc-comment",
  "tc-model",
];
const marks = TOKEN_CLASS.map((c) => Decoration.mark({ class: c }));
const citation = Decoration.mark({ class: "tc-string tc-citation" });

const setTokens = StateEffect.define();
/** The colouring: the last semantic tokens, moved along with edits until the next ones. */
const tokenField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) if (e.is(setTokens)) return e.value;
    return tr.docChanged ? deco.map(tr.changes) : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function tokenDecorations(flat, length) {
  const b = new RangeSetBuilder();
  for (let i = 0; i + 3 < flat.length; i += 4) {
    const from = flat[i], to = Math.min(flat[i + 1], length), ty = flat[i + 2], mods = flat[i + 3];
    if (to <= from) continue;
    const m = ty === 8 && mods & 2 ? citation : marks[ty];
    if (m) b.add(from, to, m);
  }
  return b.finish();
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The little Markdown the service writes (paragraphs, lists, `code`, **bold**, code blocks) as HTML. */
export function markdown(md) {
  const inline = (t) =>
    esc(t)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>");
  const out = [];
  const blocks = md.split(/```/);
  blocks.forEach((block, i) => {
    if (i % 2 === 1) {
      out.push(`<pre><code>${esc(block.replace(/^[a-z]*\n/, "").replace(/\n$/, ""))}</code></pre>`);
      return;
    }
    for (const para of block.split(/\n\s*\n/)) {
      const lines = para.split("\n").filter((l) => l.trim());
      if (!lines.length) continue;
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ""))}</li>`).join("")}</ul>`);
      } else {
        out.push(`<p>${lines.map(inline).join("<br>")}</p>`);
      }
    }
  });
  return out.join("");
}

const SEVERITY = { error: "error", warning: "warning", note: "info" };
const COMPLETION_TYPE = {
  field: "property",
  let: "variable",
  value: "enum",
  criterion: "class",
  indicator: "function",
  function: "method",
  keyword: "keyword",
};

/**
 * Makes the editor in `parent`.
 * - `doc`: the text;
 * - `label`: the accessible name of the text area;
 * - `service(text)`: the language service's analysis of a text (`analyze(text, files)`,
 *   kept by the caller; called again only when the text changed);
 * - `onDiagnostics(analysis, text)`: once the diagnostics of an analysis are shown;
 * - `onAnalyzed(analysis, text)`: once its colouring is shown too (not when edited meanwhile);
 * - `onChange(text)`: after each edit.
 */
export function createEditor({ parent, doc, label, service, onDiagnostics = () => {}, onAnalyzed = () => {}, onChange = () => {} }) {
  let pending = 0;
  let analysedText = null;
  let analysis = null;

  /** The analysis of the editor's current text (made now if the text changed since). */
  function current(view) {
    const text = view.state.doc.toString();
    if (text !== analysedText) {
      analysis = service(text);
      analysedText = text;
    }
    return analysis;
  }

  let colouring = 0;
  /** Analyses the text and shows the diagnostics now; the colouring and `onAnalyzed` follow
   *  in the next task (the old colouring moves with the edits meanwhile), so that a keystroke
   *  shows its diagnostics as soon as they are known. */
  function refresh(view) {
    clearTimeout(pending);
    pending = 0;
    clearTimeout(colouring);
    const a = current(view);
    const text = analysedText;
    const length = view.state.doc.length;
    const diagnostics = a.diagnostics().map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: SEVERITY[d.severity] ?? "info",
      source: d.code,
      message: d.help ? `${d.message}\n${d.help}` : d.message,
      actions: d.fix
        ? [
            {
              name: `Sửa thành «${d.fix}» (change to ${d.fix})`,
              apply: (v, from, to) => applyFix(v, from, to, d.code, d.fix),
            },
          ]
        : [],
    }));
    view.dispatch(setDiagnostics(view.state, diagnostics));
    onDiagnostics(a, text);
    colouring = setTimeout(() => {
      if (analysedText !== text || view.state.doc.length !== length) return; // edited since: the next refresh colours
      view.dispatch({ effects: setTokens.of(tokenDecorations(a.semanticTokens(), length)) });
      onAnalyzed(a, text);
    }, 0);
  }

  /** Applies the service's quick fix for the diagnostic now at `from`…`to`. */
  function applyFix(view, from, to, code, fix) {
    const a = current(view);
    const action = a.codeActions(from, to).find((c) => c.code === code) ?? null;
    const changes = action
      ? action.edits.filter((e) => "from" in e).map((e) => ({ from: e.from, to: e.to, insert: e.insert }))
      : [{ from, to, insert: fix }];
    view.dispatch({ changes, userEvent: "input.fix" });
  }

  const completionSource = (ctx) => {
    const word = ctx.matchBefore(/[\p{L}\p{N}_.]*/u);
    if (!ctx.explicit && (!word || word.from === word.to)) return null;
    const items = current(ctx.view ?? view).completions(ctx.pos);
    if (!items.length) return null;
    return {
      from: Math.min(...items.map((c) => c.from)),
      to: ctx.pos,
      options: items.map((c) => ({
        label: c.label,
        detail: c.detail ?? undefined,
        type: COMPLETION_TYPE[c.kind],
        boost: 99 - Math.min(c.rank, 198),
      })),
      validFor: /^[\p{L}\p{N}_]*$/u,
    };
  };

  const hover = hoverTooltip((v, pos) => {
    const h = current(v).hover(pos);
    if (!h || !("from" in h)) return null;
    return {
      pos: h.from,
      end: h.to,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "tc-hover";
        dom.setAttribute("role", "tooltip");
        dom.innerHTML = markdown(h.markdown);
        return { dom };
      },
    };
  });

  /** F12: moves the caret to the declaration of the name at the caret (in this file). */
  function goToDefinition(v) {
    const d = current(v).definition(v.state.selection.main.head);
    if (!d || !("from" in d)) return false;
    v.dispatch({ selection: { anchor: d.from, head: d.to }, effects: EditorView.scrollIntoView(d.from, { y: "center" }) });
    return true;
  }

  /** F2: renames the name at the caret everywhere it is written (asks the new name). */
  function rename(v) {
    const at = v.state.selection.main.head;
    const a = current(v);
    const word = a.references(at).find((r) => "from" in r && r.from <= at && at <= r.to);
    if (!word) return false;
    const old = v.state.sliceDoc(word.from, word.to);
    const name = prompt(`Đổi tên «${old}» thành (rename to):`, old);
    if (!name || name === old) return true;
    const result = a.rename(at, name);
    if ("error" in result) {
      alert(result.error);
      return true;
    }
    const changes = result.edits.filter((e) => "from" in e).map((e) => ({ from: e.from, to: e.to, insert: e.insert }));
    v.dispatch({ changes, userEvent: "input.rename" });
    return true;
  }

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        indentUnit.of("  "),
        EditorState.tabSize.of(2),
        lintGutter(),
        tokenField,
        hover,
        autocompletion({ override: [completionSource], icons: false }),
        keymap.of([{ key: "F12", run: goToDefinition }, { key: "F2", run: rename }]),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        // tabindex: the text area is reachable by Tab (axe: scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocapitalize: "off", autocorrect: "off", tabindex: "0" }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          onChange(u.state.doc.toString());
          // The next task: typing several keys at once analyses once.
          if (!pending) pending = setTimeout(() => refresh(view), 0);
        }),
      ],
    }),
  });

  refresh(view);

  return {
    view,
    /** The text. */
    get text() {
      return view.state.doc.toString();
    },
    /** Replaces the whole text (undoable), analyses it now. */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      refresh(view);
    },
    /** Selects `from`…`to`, scrolls it into view, focuses the editor. */
    select(from, to = from) {
      const n = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, n), head: Math.min(to, n) },
        effects: EditorView.scrollIntoView(Math.min(from, n), { y: "center" }),
      });
      view.focus();
    },
    /** The diagnostics shown (underlined): [{ from, to, severity, code, text, message }]. */
    shown() {
      const out = [];
      forEachDiagnostic(view.state, (d, from, to) =>
        out.push({
          from,
          to,
          severity: d.severity === "info" ? "note" : d.severity,
          code: d.source,
          text: view.state.sliceDoc(from, to),
          message: d.message,
        }),
      );
      return out;
    },
    /** The selected text. */
    selected() {
      const { from, to } = view.state.selection.main;
      return view.state.sliceDoc(from, to);
    },
    /** Rewrites the text in the canonical layout; false when it has syntax errors or is formatted. */
    format() {
      const formatted = current(view).format();
      if (formatted == null) return false;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: formatted }, userEvent: "input.format" });
      refresh(view);
      return true;
    },
    /** The analysis of the current text. */
    analysis: () => current(view),
    /** Forgets the analysis (the files the text names changed): analyses again now. */
    invalidate() {
      analysedText = null;
      refresh(view);
    },
    /** Analyses now (instead of at the next task). */
    refresh: () => refresh(view),
  };
}
