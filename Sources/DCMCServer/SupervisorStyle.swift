import DCMCReports

/// The supervisor pages' rules, served in `/pages.css` after the customers' and the staff's
/// (`PageStyle`): a wide column for a page whose content is a `.supervisor`, navigation, tables that scroll sideways inside themselves on a phone (the page
/// never does), rows at risk and breached marked by more than colour, forms side by side that
/// stack on a phone, and an embedded report drawn with DCMCReports' own rules for its parts.
enum SupervisorStyle {
  static let css = """
    main:has(> .supervisor), body:has(.supervisor) nav.staff { max-width: 80rem; }
    nav.sections ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; margin: 0 0 1rem; }
    nav.sections a { font-weight: 600; }
    .supervisor h2 { margin-top: 2rem; }
    .scroll { overflow-x: auto; max-width: 100%; margin-bottom: 1rem; }
    .scroll:focus { outline: 3px solid #ffbf47; }
    .supervisor table { border-collapse: collapse; background: #fff; min-width: 100%; font-size: .95rem; }
    .supervisor caption { text-align: left; font-weight: 600; padding: .4rem 0; caption-side: top; }
    .supervisor th, .supervisor td { padding: .4rem .6rem; border-bottom: 1px solid var(--line); text-align: left;
      vertical-align: top; }
    .supervisor thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
    .supervisor table { overflow-wrap: normal; }
    .supervisor th, .supervisor td { white-space: nowrap; }
    .supervisor .wrap { white-space: normal; min-width: 10rem; max-width: 28rem; overflow-wrap: break-word; }
    .supervisor .ref { color: var(--muted); font-size: .85em; font-weight: 400; white-space: nowrap; }
    .supervisor caption { white-space: normal; }
    .supervisor .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.none { color: var(--muted); font-style: italic; }
    tr.at-risk th::before { content: "⚠ "; }
    tr.at-risk { background: #fff6dc; }
    tr.breached th::before { content: "✖ "; color: var(--bad); }
    tr.breached { background: #fdecea; }
    form.zone-form { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem 1rem; padding: .75rem 1rem;
      margin-bottom: 1rem; }
    form.zone-form label { margin: 0; align-self: center; }
    form.zone-form input { width: 16rem; max-width: 100%; }
    .actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
    .actions form { display: flex; flex-direction: column; justify-content: space-between; }
    .actions button { margin-top: .5rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff;
      border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    .notice { border-radius: 8px; padding: .75rem 1rem; font-weight: 600; }
    .notice.done { background: #e6f4ea; border: 2px solid #1e7d3a; }
    .notice.refused { background: #fff; border: 2px solid var(--bad); color: var(--bad); }
    .report-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem;
      margin-bottom: 1rem; }
    .report-form .field { display: flex; flex-direction: column; }
    .report-form .field input, .report-form .field select { margin-top: auto; }
    .report-form button { justify-self: start; align-self: end; margin-bottom: 1.1rem; }
    .download { font-weight: 600; }
    .report-view { --track: #eef1f4; --s0: #2f6fb3; --s1: #d9822b; --s2: #3a9a5b; --s3: #8a5cc2; background: #fff;
      border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
    .report-view header { border-bottom: 2px solid var(--ink); margin-bottom: 1rem; }
    .report-view header h2 { margin-top: 0; }
    .report-view h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; }
    .report-view .meta, .report-view .definition { color: var(--muted); margin: .2rem 0 .6rem; }
    @media (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } .supervisor th, .supervisor td { padding: .3rem .4rem; } }
    @media print { nav.sections, .zone-form, .actions, .report-form, .download { display: none; }
      .scroll { overflow: visible; }
      tr.at-risk, tr.breached { background: none; } }

    """ + HTMLStyle.parts
}
