#!/bin/sh
# The template preview: the template beside its rendering (stacked below
# 100 columns), the values form (default-values and --set), a value edited
# in the form re-renders and re-checks at once, a render error is shown at
# its template line with both sides scrolled to it, problems of the
# rendered spec are marked on both sides, and a plain spec renders
# unchanged.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
cp "$DATA/tmpl.yaml" "$T/t.yaml"

tui 80 24 't:screendump stacked.txt<Enter><Down>e<C-u>3<Enter>:screendump workers.txt<Enter>:q<Enter>' t.yaml
is "$rc" 0 "t, an edit of a value, :q: exits 0 (the file is unchanged)"
screen stacked.txt preview-80x24.txt "t: template and rendering stacked at 80 columns, the values in the pane"
screen workers.txt preview-set-80x24.txt "workers=3 re-renders: the value is marked as set here"
ok "the file itself is unchanged" cmp "$T/t.yaml" "$DATA/tmpl.yaml"

tui 100 30 ':view preview<Enter><Down>e<C-u>3<Enter><C-d>:screendump wide.txt<Enter>:q<Enter>' t.yaml
screen wide.txt preview-set-100x30.txt "side by side at 100 columns; three workers rendered"

tui 100 30 ':view preview<Enter>Ge<C-u>debug<Enter>:screendump error.txt<Enter>d:screendump reset.txt<Enter>:q<Enter>' t.yaml
screen error.txt preview-error-100x30.txt "a render error: at its template line, both sides scrolled to it"
screen reset.txt preview-reset-100x30.txt "d drops the override: it renders again"

tui 80 24 ':view preview<Enter>Ge<C-u>debug<Enter>:screendump error80.txt<Enter>:q<Enter>' t.yaml
screen error80.txt preview-error-80x24.txt "the render error at 80 columns"

# --set from the command line is a value of the form; a bad image shows on both sides
tui 100 30 ':view preview<Enter>]:screendump problem.txt<Enter>:q<Enter>' t.yaml --set 'image=Bad Image'
screen problem.txt preview-problem-100x30.txt "--set values show as set; ] goes to a problem marked on both sides"

# :let works from any view and re-checks: the title counts follow
tui 80 24 ':let workers=x<Enter>:screendump let.txt<Enter>:let workers<Enter>:screendump unlet.txt<Enter>:q<Enter>' t.yaml
ok ":let workers=x makes the spec fail to render (an error counted in the title)" grep -q "✗ 1" "$T/let.txt"
ok ":let workers drops it again" grep -q "no problems" "$T/unlet.txt"

# a plain spec renders unchanged
cp "$DATA/pipeline.yaml" "$T/p.yaml"
tui 80 24 't:screendump plain.txt<Enter>:q<Enter>' p.yaml
screen plain.txt preview-plain-80x24.txt "a plain spec: OSMO renders it unchanged (shown anyway)"

done_testing
