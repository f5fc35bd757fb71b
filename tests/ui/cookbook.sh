#!/bin/sh
# The cookbook browser: examples grouped by folder (the bundled test
# cookbook and a --cookbook-dir folder without an index), the preview of
# the selected example (its graph, then its YAML), the / filter, and n
# creating a new file from an example: it validates clean, and an existing
# file is replaced only when the answer is y.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"

# a folder of specs without index.yaml, given by a relative path so the
# folder headers do not depend on where the tests run
cp -R "$DATA/more" "$T/more"
MORE="--cookbook-dir more"

tui 80 24 ':view cookbook<Enter>:screendump list.txt<Enter><Down><Down>:screendump tmpl.txt<Enter>:q<Enter>' $MORE
is "$rc" 0 ":view cookbook without a file, then :q, exits 0"
screen list.txt cookbook-list-80x24.txt "the examples by folder; the first one previewed with its graph (80x24)"
screen tmpl.txt cookbook-template-80x24.txt "a templated example is drawn from its default-values"

tui 100 30 '<Down><Down><Down>:screendump wide.txt<Enter><C-d>:screendump scrolled.txt<Enter><C-u>:q<Enter>' $MORE
screen wide.txt cookbook-list-100x30.txt "the start screen is the browser (100x30): a scanned folder's example"
screen scrolled.txt cookbook-scroll-100x30.txt "Ctrl-D scrolls the preview, the list stays"

tui 80 24 '/ML<Enter>:screendump filter.txt<Enter><Esc>:screendump unfiltered.txt<Enter>/nothing-like-it<Enter>:screendump none.txt<Enter>:q<Enter>' $MORE
screen filter.txt cookbook-filter-80x24.txt "/ filters by folder, name, title or pattern (case does not matter)"
screen unfiltered.txt cookbook-unfiltered-80x24.txt "Esc clears the filter; the selected example stays selected"
screen none.txt cookbook-nomatch-80x24.txt "a filter without a match says so"

tui 100 30 '/extract<Enter>:screendump filter100.txt<Enter>:q<Enter>' $MORE
screen filter100.txt cookbook-filter-100x30.txt "/ at 100x30: the templated example and its graph"

tui 80 24 ':view cookbook<Enter>/train<Enter>n<C-u>train.yaml<Enter>:screendump created80.txt<Enter>:q<Enter>' $MORE
screen created80.txt cookbook-created-80x24.txt "n from :view cookbook opens the new file (80x24)"
rm "$T/train.yaml"
tui 100 30 '/train<Enter>n<C-u>train.yaml<Enter>:screendump created.txt<Enter>:q<Enter>' $MORE
is "$rc" 0 "n, a name, Enter: exits 0"
screen created.txt cookbook-created-100x30.txt "n copied the example to a new file and opened it"
ok "the new file is the example" cmp "$T/train.yaml" "$DATA/more/ml/train_eval.yaml"
run "$OSMO_TUI" validate "$T/train.yaml"
is "$rc" 0 "osmo-tui validate accepts the new file (exit 0)"

# an existing file: asked, and n (or Enter) leaves it alone
echo '# mine' >"$T/mine.yaml"
tui 80 24 ':view cookbook<Enter>n<C-u>mine.yaml<Enter>:screendump ask.txt<Enter>n:screendump refused.txt<Enter>:q<Enter>' $MORE
screen ask.txt cookbook-ask-80x24.txt "n on an existing file asks before replacing it"
screen refused.txt cookbook-refused-80x24.txt "n refuses: the file is left as it was"
is "$(cat "$T/mine.yaml")" "# mine" "the existing file is unchanged"
tui 100 30 ':view cookbook<Enter><Down>n<C-u>mine.yaml<Enter>:screendump ask100.txt<Enter><Enter>:screendump refused100.txt<Enter>:q<Enter>' $MORE
screen ask100.txt cookbook-ask-100x30.txt "the question at 100x30"
screen refused100.txt cookbook-refused-100x30.txt "Enter (no) refuses at 100x30"
is "$(cat "$T/mine.yaml")" "# mine" "the existing file is still unchanged"
tui 80 24 ':view cookbook<Enter>n<C-u>mine.yaml<Enter>y:q<Enter>' $MORE
ok "y replaces it with the example" cmp "$T/mine.yaml" "$COOKBOOK/basics/one_task.yaml"

# with a file open: the browser is a view; Esc goes back to it
cp "$DATA/pipeline.yaml" "$T/p.yaml"
tui 80 24 'c:screendump open.txt<Enter><Esc>:screendump back.txt<Enter>:q<Enter>' p.yaml $MORE
screen open.txt cookbook-with-file-80x24.txt "c shows the cookbook while a file is open"
ok "Esc goes back to the outline" grep -q "│ Outline" "$T/back.txt"

# unsaved changes are never lost: the new file is made but not opened
tui 80 24 ':set workflow.name=changed<Enter>cn<C-u>second.yaml<Enter>:screendump kept.txt<Enter>:q!<Enter>' p.yaml $MORE
ok "the new file was written" cmp "$T/second.yaml" "$COOKBOOK/basics/one_task.yaml"
ok "the open file with unsaved changes stays open" grep -q "p.yaml ● modified" "$T/kept.txt"
ok "the message says how to open the new file" grep -q "Created second.yaml; save your changes, then :open second.yaml" "$T/kept.txt"

# n means new only in the cookbook: in the outline it is search-next
tui 80 24 'n:screendump outline-n.txt<Enter>:q<Enter>' p.yaml
ok "n in the outline is search-next" grep -q "No search yet" "$T/outline-n.txt"

# n on the "Open a file..." row creates nothing
tui 80 24 'Gn:screendump openrow.txt<Enter>:q<Enter>'
ok "n on the Open row asks for an example" grep -q "Select an example first" "$T/openrow.txt"

# a folder that cannot be read: the browser still works and says so
tui 80 24 ':screendump missing.txt<Enter>:q<Enter>' --cookbook-dir no-such-folder
ok "an unreadable --cookbook-dir is reported in the pane" \
	grep -q "1 problem reading the cookbook: cookbook folder no-such-folder" "$T/missing.txt"
ok "the other examples are still listed" grep -q "One task that says hello" "$T/missing.txt"

done_testing
