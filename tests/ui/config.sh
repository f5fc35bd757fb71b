#!/bin/sh
# The config file in the TUI: bind lines re-bind keys of the command table
# (the help palette shows the new key), theme picks a theme, and what is
# wrong (unknown theme, key or command) is reported on the status line at
# start while the rest of the file still applies.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
cp "$DATA/pipeline.yaml" "$T/p.yaml"
mkdir -p "$T/config/osmo-tui"
CFG=$T/config/osmo-tui/config

cat >"$CFG" <<'EOF'
# x shows the graph, F5 writes a copy
bind x view dag
bind <F5> w copy.yaml
bind C-g view resources
theme = mono
EOF
tui 80 24 'x:screendump bind.txt<Enter>' p.yaml
screen bind.txt config-bind-80x24.txt "bind x view dag: x shows the graph"
tui 80 24 '<F5>:q<Enter>' p.yaml
ok "a bound key runs its command with arguments" cmp "$T/copy.yaml" "$DATA/pipeline.yaml"
tui 80 24 '<C-g>:screendump res.txt<Enter>' p.yaml
ok "C-g (written without <>) is a key" grep -q '^ Resource profiles (2) ' "$T/res.txt"
tui 100 30 '?graph:screendump help.txt<Enter>' p.yaml
ok "the help palette shows the bound key" grep -q '^ v, x  *:view dag ' "$T/help.txt"

cat >"$CFG" <<'EOF'
bind o view dag
EOF
tui 80 24 'o:screendump over.txt<Enter>' p.yaml
ok "a bind replaces what the key did before (o was the outline)" grep -q '^ pipeline: 3 tasks, 2 dependencies' "$T/over.txt"

cat >"$CFG" <<'EOF'
theme = neon
bind <Nope> view dag
bind z frobnicate
bind y view resources
EOF
tui 80 24 ':screendump bad.txt<Enter>y:screendump y.txt<Enter>' p.yaml
screen bad.txt config-problems-80x24.txt "an unknown theme, key or command is reported at start"
ok "the good lines still apply" grep -q '^ Resource profiles (2) ' "$T/y.txt"
is "$rc" 0 "a bad config never stops the TUI"

# a bound key is global, but a view's own key wins in that view: n is
# "new" in the cookbook (without the bind line's arguments), the bound
# command everywhere else
cat >"$CFG" <<'EOF'
bind n w copy.yaml
EOF
rm -f "$T/copy.yaml"
tui 80 24 'n<C-u>new.yaml<Enter>:q<Enter>'
ok "n in the cookbook still starts a new file" test -f "$T/new.yaml"
ok "and does not run the bound command" test ! -e "$T/copy.yaml"
tui 80 24 'n:q<Enter>' p.yaml
ok "n elsewhere runs the bound command" cmp "$T/copy.yaml" "$DATA/pipeline.yaml"

printf 'theme = default\n' >"$CFG"
tui 80 24 ':screendump ok.txt<Enter>' p.yaml
ok "a known theme is not a problem" sh -c "! grep -q config '$T/ok.txt'"

done_testing
