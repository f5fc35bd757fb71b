#!/bin/sh
# The outline: opening, moving, folding, search, goto, problems, --ascii.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
cp "$DATA/pipeline.yaml" "$T/p.yaml"

tui 80 24 ':screendump open.txt<Enter>' p.yaml
is "$rc" 0 "the key script ends and osmo-tui exits 0 (stdin is not a terminal)"
screen open.txt outline-open-80x24.txt "the outline of a spec (80x24)"

tui 100 30 ':screendump open.txt<Enter>' p.yaml
screen open.txt outline-open-100x30.txt "the outline of a spec (100x30)"

# down to the second task, unfold it, into its fields, down to image
tui 80 24 'jjjjjjjjl<Down><Down>:screendump nav.txt<Enter>' p.yaml
screen nav.txt outline-nav-80x24.txt "j/Down move, l unfolds a task; the pane shows the path"

tui 80 24 'jjjjjj<Space>:screendump fold.txt<Enter>h:screendump parent.txt<Enter>' p.yaml
screen fold.txt outline-fold-80x24.txt "Space folds the task list"
screen parent.txt outline-parent-80x24.txt "h on a folded node goes to its parent"

tui 80 24 'G:screendump last.txt<Enter>g<PageDown>:screendump pgdn.txt<Enter>' p.yaml
screen last.txt outline-last-80x24.txt "G goes to the last row"
screen pgdn.txt outline-pagedown-80x24.txt "g then PageDown"

tui 100 30 '/lr<Enter>:screendump search.txt<Enter>/alpine<Enter>nn:screendump wrap.txt<Enter>N:screendump prev.txt<Enter>' p.yaml
screen search.txt outline-search-100x30.txt "/ finds a key inside a folded task and unfolds it"
screen wrap.txt outline-search-wrap-100x30.txt "n goes to the next match, wrapping"
screen prev.txt outline-search-prev-100x30.txt "N goes to the previous match"

tui 80 24 '/no-such-thing<Enter>:screendump nf.txt<Enter>' p.yaml
screen nf.txt outline-notfound-80x24.txt "a search without a match says so"

tui 100 30 ':goto report<Enter>:screendump goto.txt<Enter>:goto gpu<Enter>:screendump goto2.txt<Enter>:goto trian<Enter>:screendump goto3.txt<Enter>' p.yaml
screen goto.txt outline-goto-100x30.txt ":goto NAME selects a task"
screen goto2.txt outline-goto-profile-100x30.txt ":goto NAME selects a resource profile"
screen goto3.txt outline-goto-missing-100x30.txt ":goto of an unknown name says what exists"

# a renamed task is a new path, but the selection stays on its name
tui 100 30 ':goto report<Enter>l<Down>e<C-u>summary<Enter>:screendump rename.txt<Enter>' p.yaml
screen rename.txt outline-rename-100x30.txt "renaming a task keeps the selection on its name row"
ok "the detail pane names the new path" grep -q 'path workflow.tasks\[name=summary\].name' "$T/rename.txt"

tui 80 24 'jjjjjjjjl:screendump ascii.txt<Enter>' --ascii p.yaml
screen ascii.txt outline-ascii-80x24.txt "--ascii draws with ASCII only"
ok "--ascii output has no UTF-8 line art" sh -c "! grep -q '[▸▾─│✗⚠●…]' '$T/ascii.txt'"

cp "$DATA/broken.yaml" "$T/broken.yaml"
tui 80 24 ':screendump broken.txt<Enter>p:screendump problems.txt<Enter>' broken.yaml
screen broken.txt outline-broken-80x24.txt "a file that does not parse: the outline says so, the pane lists why"
screen problems.txt problems-broken-80x24.txt "the problems view shows the syntax error"

cp "$DATA/dupkeys.yaml" "$T/dup.yaml"
tui 80 24 ':screendump dup.txt<Enter>]:screendump next1.txt<Enter>]:screendump next2.txt<Enter>[:screendump prev.txt<Enter>' dup.yaml
screen dup.txt outline-dup-80x24.txt "problems are marked on the folded task that holds them"
screen next1.txt outline-next-problem-80x24.txt "] unfolds and selects the first problem"
screen next2.txt outline-next-problem2-80x24.txt "] again goes to the second problem"
screen prev.txt outline-prev-problem-80x24.txt "[ goes back to the first problem"

tui 80 24 'p<Down><Enter>:screendump jump.txt<Enter>' dup.yaml
screen jump.txt problems-jump-80x24.txt "Enter in the problems view jumps to the node in the outline"

done_testing
