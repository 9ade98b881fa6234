type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<
    string,
    Record<
      string,
      { summary?: string; description?: string; tags?: string[]; security?: Record<string, string[]>[]; responses?: Record<string, { description?: string }> }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
};

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** A self-contained page (no CDN: deployments may have no internet) listing every operation and schema of the document. */
export function docsPage(document: Doc) {
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const tag = operation.tags?.[0] ?? 'Other';
      const auth = operation.security?.length ? Object.keys(operation.security[0]!).join(', ') : 'none';
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => `<li><code>${status}</code> ${escape(response.description ?? '')}</li>`)
        .join('');
      byTag.set(tag, [
        ...(byTag.get(tag) ?? []),
        `<details><summary><code class="m ${method}">${method.toUpperCase()}</code> <code>${escape(path)}</code> — ${escape(operation.summary ?? '')}</summary>` +
          `<p>${escape(operation.description ?? '')}</p><p>Auth: <code>${escape(auth)}</code></p><ul>${responses}</ul></details>`,
      ]);
    }
  }
  const sections = [...byTag].map(([tag, items]) => `<h2>${escape(tag)}</h2>${items.join('\n')}`).join('\n');
  const schemas = Object.entries(document.components?.schemas ?? {})
    .map(([name, schema]) => `<details><summary><code>${escape(name)}</code></summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}
summary{cursor:pointer}.m{display:inline-block;min-width:4.5em;font-weight:bold}
.get{color:#1565c0}.post{color:#2e7d32}.put,.patch{color:#ef6c00}.delete{color:#c62828}
pre{background:#f6f6f6;padding:.6rem;overflow:auto}
</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
