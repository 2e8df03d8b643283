// The VS Code client of `tieuchi lsp`: starts the language server for `.rules` files and
// restarts it when its settings change. Everything the editor shows (diagnostics, hover,
// completion, formatting…) comes from the server, the same language service as the browser
// playground's.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** Starts the server with the current settings. */
async function start(context) {
  const config = vscode.workspace.getConfiguration("tieuchi");
  const command = config.get("server.path") || "tieuchi";
  const args = ["lsp", ...(config.get("server.args") || [])];
  client = new LanguageClient(
    "tieuchi",
    "tieuchi",
    { run: { command, args, transport: TransportKind.stdio }, debug: { command, args, transport: TransportKind.stdio } },
    {
      documentSelector: [{ language: "tieuchi" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rules") },
    },
  );
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(
      `Không chạy được «${command} lsp»: hãy cài tieuchi (cargo install --path crates/cli) hoặc đặt tieuchi.server.path. ` +
        `(Cannot start «${command} lsp»: install tieuchi or set tieuchi.server.path.) ${e?.message ?? e}`,
    );
  }
  context.subscriptions.push({ dispose: () => client?.stop() });
}

async function activate(context) {
  await start(context);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("tieuchi.server")) return;
      await client?.stop();
      await start(context);
    }),
  );
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
