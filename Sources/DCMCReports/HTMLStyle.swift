/// The page's one style sheet, inline: system fonts (no download), tables that scroll
/// sideways on a phone, charts that scale with the page, and print rules that keep a
/// section on one page where it fits and keep the bars' colours.
public enum HTMLStyle {
  static let css = page + "\n" + parts + "\n" + media

  /// The page's own rules: colours, fonts, headings.
  static let page = """
    :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --track: #eef1f4;
      --s0: #2f6fb3; --s1: #d9822b; --s2: #3a9a5b; --s3: #8a5cc2; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; color: var(--ink); background: #fff;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    header { border-bottom: 2px solid var(--ink); margin-bottom: 1rem; }
    h1 { font-size: 1.6rem; margin: 0.3rem 0; }
    h2 { font-size: 1.3rem; margin: 2rem 0 0.4rem; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.1rem; margin: 1.5rem 0 0.3rem; }
    .meta, .definition, .markers { color: var(--muted); margin: 0.2rem 0 0.6rem; }
    nav ol { margin: 0.2rem 0; padding-left: 1.4rem; }
    a { color: var(--s0); }
    """

  /// The rules of a report's parts (charts, legends, tables), for a page that embeds a report
  /// (`HTMLRenderer.embedded`) under its own rules; they use the colours `--ink`, `--muted`,
  /// `--line`, `--track` and `--s0` to `--s3`.
  public static let parts = """
    figure { margin: 0.6rem 0; }
    svg { display: block; width: 100%; max-width: 34rem; height: auto; }
    svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
    svg .value { fill: var(--muted); }
    .s0 { fill: var(--s0); background: var(--s0); }
    .s1 { fill: var(--s1); background: var(--s1); }
    .s2 { fill: var(--s2); background: var(--s2); }
    .s3 { fill: var(--s3); background: var(--s3); }
    .track { fill: var(--track); }
    .axis { stroke: var(--muted); stroke-width: 1; }
    .grid { stroke: var(--line); stroke-width: 1; }
    .marker { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 3; }
    .legend { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem;
      font-size: 0.9rem; }
    .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.35rem; vertical-align: -0.1rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 0.9rem; margin: 0.3rem 0; }
    caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
    th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .time { white-space: nowrap; }
    th[scope="row"] { min-width: 8rem; }
    .none { color: var(--muted); font-style: italic; }
    """

  static let media = """
    @media (max-width: 36rem) {
      body { padding: 0.6rem 0.6rem 2rem; font-size: 14px; }
      th, td { padding: 0.2rem 0.35rem; }
    }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      section.part { break-inside: avoid; }
      .scroll { overflow: visible; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
