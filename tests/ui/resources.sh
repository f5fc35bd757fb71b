#!/bin/sh
# The resources view: profiles with their tasks and gang totals, the fit
# against a pool file, and the profile edits (create, rename with every
# reference, duplicate, delete with reassignment), each one undo step and
# checked on disk; the form refuses decimal units with the fix.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
fresh() { cp "$DATA/pipeline.yaml" "$T/p.yaml"; }
changes() { diff "$DATA/pipeline.yaml" "$T/p.yaml" || true; }

fresh
tui 80 24 ':view resources<Enter>:screendump r.txt<Enter>' p.yaml
screen r.txt resources-80x24.txt "profiles, the tasks using the selected one and their groups' gang totals"
tui 100 30 'rj:screendump r.txt<Enter>' p.yaml
screen r.txt resources-gpu-100x30.txt "r shows the view; the pane lists every field of the profile"

cp "$DATA/small-pool.yaml" "$T/pool.yaml"
tui 80 24 'rj:screendump fit.txt<Enter>' --pool-file pool.yaml p.yaml
screen fit.txt resources-pool-fit-80x24.txt "with --pool-file: which profiles fit a node, which groups can be placed"
mkdir -p "$T/config/osmo-tui"
printf 'pool-file = %s\n' "$T/pool.yaml" >"$T/config/osmo-tui/config"
tui 80 24 'rj:screendump fitc.txt<Enter>' p.yaml
ok "pool-file in the config does the same" cmp "$T/fit.txt" "$T/fitc.txt"
rm -f "$T/config/osmo-tui/config"
tui 80 24 ':screendump nopool.txt<Enter>' --pool-file missing.yaml p.yaml
ok "a pool file that cannot be read is reported at start" grep -q '^pool file missing.yaml: ' "$T/nopool.txt"

# rename: the profile and every task that uses it, in one undo step
fresh
tui 100 30 'rjR<C-u>big-gpu<Enter>:screendump ren.txt<Enter>:w<Enter>' p.yaml
screen ren.txt resources-rename-100x30.txt "R renames a profile and says how many tasks followed"
is "$(changes)" '11c11
<     gpu:
---
>     big-gpu:
23c23
<     resource: gpu
---
>     resource: big-gpu' "the profile and the task's resource: are renamed"
fresh
tui 100 30 'rjR<C-u>big-gpu<Enter>u:w<Enter>' p.yaml
is "$(changes)" "" "one u undoes the whole rename"
fresh
tui 100 30 'r:rename base<Enter>:w<Enter>' p.yaml
is "$(changes)" '7c7
<     default:
---
>     base:
19a20
>     resource: base
38a40
>     resource: base' "renaming default gives the tasks that relied on it a resource:"
fresh
tui 100 30 'rjR<C-u>default<Enter>:screendump taken.txt<Enter>' p.yaml
ok "a name already used is refused" grep -q '^Not changed: a profile named default already exists' "$T/taken.txt"

# create, duplicate, delete
fresh
tui 100 30 'rasmall<Enter>:screendump add.txt<Enter>kD:w<Enter>' p.yaml
is "$(changes)" '14a15,22
>     small:
>       cpu: 1
>       memory: 1Gi
>       storage: 1Gi
>     gpu-copy:
>       cpu: 8
>       gpu: 1
>       memory: 32Gi' "a adds a profile, D copies one under a new name"
ok "the new profile is selected" grep -q '^── Profile small ─' "$T/add.txt"
fresh
tui 100 30 'rjd:screendump ask.txt<Enter>rdefault<Enter>:screendump del.txt<Enter>:w<Enter>' p.yaml
screen ask.txt resources-delete-ask-100x30.txt "d on a profile in use asks what to do with its tasks"
is "$(changes)" '11,14d10
<     gpu:
<       cpu: 8
<       gpu: 1
<       memory: 32Gi
23c19
<     resource: gpu
---
>     resource: default' "r moves the tasks to the profile named, then deletes"
ok "the status line says so" grep -q '^Deleted profile gpu; its tasks use default now (u undoes)' "$T/del.txt"
fresh
tui 100 30 'rjdc:w<Enter>' p.yaml
is "$(changes)" "" "c cancels the delete"

# a spec without resources: the implicit default
cp "$COOKBOOK/basics/one_task.yaml" "$T/one.yaml"
tui 80 24 'r:screendump impl.txt<Enter>R' one.yaml
screen impl.txt resources-implicit-80x24.txt "without resources: the implicit default and OSMO's defaults"
tui 80 24 'rR:screendump implr.txt<Enter>' one.yaml
ok "the implicit default cannot be renamed" grep -q '^Not changed: default is implicit' "$T/implr.txt"
tui 80 24 'rafast<Enter>:w<Enter>' one.yaml
is "$(diff "$COOKBOOK/basics/one_task.yaml" "$T/one.yaml" || true)" '7a8,12
>   resources:
>     fast:
>       cpu: 1
>       memory: 1Gi
>       storage: 1Gi' "a creates resources: with the first profile"

# the form of a profile: decimal units are refused with the fix
fresh
tui 100 30 'rj<Enter>jj<Enter><C-u>64GB<Enter>:screendump unit.txt<Enter><Enter><C-u>64Gi<Enter>:w<Enter>' p.yaml
screen unit.txt resources-form-unit-100x30.txt "Enter opens the profile's form; 64GB is refused with the fix"
is "$(changes)" '14c14
<       memory: 32Gi
---
>       memory: 64Gi' "64Gi is written"
tui 100 30 'rj<Enter><Esc>:screendump back.txt<Enter>' p.yaml
ok "Esc in the form returns to the resources view" grep -q '^── Profile gpu ─' "$T/back.txt"

fresh
tui 100 30 'rjR<C-u>x<Enter>d' --readonly p.yaml
is "$(changes)" "" "--readonly: nothing changes"

done_testing
