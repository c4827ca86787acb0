/// The staff pages' part of the stylesheet (`/pages.css`): the signed-in header bar, rows of
/// small forms, offer cards and task lists; long words still wrap (`PageStyle`'s body rule).
enum StaffStyle {
  static let css = """
    nav.staff { max-width: 44rem; margin: 0 auto; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem;
      align-items: center; }
    nav.staff a { font-weight: 600; }
    nav.staff .who { flex: 1 1 10rem; color: var(--muted); min-width: 0; }
    form.inline, form.row { background: none; border: 0; padding: 0; border-radius: 0; }
    form.inline { display: inline-flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    form.row, div.row { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: center; margin-top: .5rem; }
    form.row label, form.inline label { margin: 0; }
    form.row select, form.inline select { width: auto; max-width: 100%; }
    button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
    button.quiet { background: none; color: var(--accent); padding: .3rem .6rem; text-decoration: underline; }
    button:disabled { opacity: .5; cursor: not-allowed; }
    label.quiet { font-weight: 400; color: var(--muted); }
    section { margin-bottom: 1rem; }
    .offer { border-left: 4px solid var(--accent); }
    .offer h3, .task h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
    time.countdown { font-weight: 700; font-variant-numeric: tabular-nums; }
    ul.tasks { list-style: none; padding: 0; margin: 0; }
    ul.tasks li { margin-bottom: .5rem; }
    .task { border-top: 1px solid var(--line); padding-top: .75rem; margin-top: .75rem; }
    form.complete { border: 0; padding: 0; margin: .5rem 0; }
    ol.history { padding-left: 1.25rem; margin: 0; }
    ol.history li { margin-bottom: .35rem; }
    ol.history .hint { display: block; margin: 0; }
    .empty { color: var(--muted); }
    @media print { nav.staff form, form.row, form.inline, form.complete { display: none; } }
    """
}
