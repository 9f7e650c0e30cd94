import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** What a user sees on hover: every exported argument and output of the resources has a doc comment. */
const FILES = ["resources/ecs-invocation.ts", "resources/ecs-command.ts", "resources/timeouts.ts", "lifecycle/invocation-state.ts"];

function undocumented(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(__dirname, "../../provider", file), "utf8"), ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;
  for (const statement of source.statements) {
    if (!exported(statement)) continue;
    if (ts.isInterfaceDeclaration(statement)) {
      for (const member of statement.members) {
        if (ts.isPropertySignature(member) && !documented(member)) missing.push(`${statement.name.text}.${member.name.getText(source)}`);
      }
    }
    if (ts.isClassDeclaration(statement)) {
      if (!documented(statement)) missing.push(statement.name?.text ?? "(class)");
      for (const member of statement.members) {
        if (ts.isPropertyDeclaration(member) && !documented(member)) missing.push(`${statement.name?.text}.${member.name.getText(source)}`);
      }
    }
  }
  return missing;
}

describe("the exported types document themselves", () => {
  it.each(FILES)("documents every argument and output in %s", (file) => {
    expect(undocumented(file)).toEqual([]);
  });
});
