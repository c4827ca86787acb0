/// The pages' one stylesheet, served from the binary at `/pages.css` (the Content-Security-
/// Policy allows styles from the server itself only): readable on a phone and printed, visible
/// focus, long words wrapped so a 200-character name cannot break the layout.
enum PageStyle {
  static let path = "/pages.css"

  /// The customers' rules, then the staff's (`StaffStyle`), then the supervisor page's.
  static let css = shared + "\n" + SupervisorStyle.css

  static let shared = """
    :root { color-scheme: light; --ink: #1d2433; --muted: #5a6275; --line: #d5d9e2; --accent: #1f5fbf; --bad: #b3261e; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
      background: #f5f6f8; overflow-wrap: anywhere; }
    main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    header.site { background: #fff; border-bottom: 1px solid var(--line); }
    header.site p { max-width: 44rem; margin: 0 auto; padding: .75rem 1rem; font-weight: 600; }
    h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }
    h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
    .lead { color: var(--muted); margin-top: 0; }
    form, .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.25rem; }
    .field { margin-bottom: 1.1rem; }
    label { display: block; font-weight: 600; margin-bottom: .25rem; }
    .hint { display: block; color: var(--muted); font-size: .9rem; margin-bottom: .25rem; }
    input, select, textarea { width: 100%; font: inherit; padding: .55rem .65rem; border: 1px solid #8a93a6;
      border-radius: 6px; background: #fff; color: inherit; }
    fieldset.choice { border: 0; margin: 0; padding: 0; min-width: 0; }
    fieldset.choice legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
    .option { display: inline-flex; align-items: center; gap: .4rem; margin: .15rem 1.5rem .15rem 0; }
    .option label { font-weight: 400; margin: 0; }
    input[type=radio] { width: 1.25rem; height: 1.25rem; margin: 0; }
    textarea { min-height: 8rem; resize: vertical; }
    input:focus, select:focus, textarea:focus, button:focus, a:focus {
      outline: 3px solid #ffbf47; outline-offset: 1px; }
    .invalid input, .invalid select, .invalid textarea { border: 2px solid var(--bad); }
    .error { display: block; color: var(--bad); font-weight: 600; margin-bottom: .25rem; }
    .summary { border: 2px solid var(--bad); background: #fff; border-radius: 8px; padding: 1rem 1.25rem;
      margin-bottom: 1rem; }
    .summary h2 { color: var(--bad); }
    .summary a { color: var(--bad); }
    .required { color: var(--bad); }
    .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
    button { font: inherit; font-weight: 600; background: var(--accent); color: #fff; border: 0; border-radius: 6px;
      padding: .7rem 1.4rem; cursor: pointer; }
    .card { margin-bottom: 1rem; }
    .card dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 0; }
    .card dt { color: var(--muted); }
    .card dd { margin: 0; white-space: pre-line; }
    .bidi-control { font-family: ui-monospace, monospace; font-size: .8em; color: var(--bad); }
    .status { display: inline-block; font-weight: 600; padding: .1rem .6rem; border-radius: 999px;
      background: #e7eefb; color: #163f7f; }
    .link { font-family: ui-monospace, monospace; font-size: .9rem; }
    a { color: var(--accent); }
    nav.pages { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; font-weight: 600; }
    nav.pages a[rel=next] { margin-left: auto; }
    @media (max-width: 30rem) { .card dl { grid-template-columns: 1fr; } .card dd { margin-bottom: .4rem; } }
    @media print { body { background: #fff; } form, .card { border: 0; padding: 0; } button, .trap { display: none; } }
    """ + "\n" + StaffStyle.css
}
