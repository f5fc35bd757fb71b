#!/bin/sh
# The form view (fields from the schema table) and the structural edits of
# the outline: add, delete, duplicate, move. Every change is checked on disk.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
fresh() { cp "$DATA/pipeline.yaml" "$T/p.yaml"; }
changes() { diff "$DATA/pipeline.yaml" "$T/p.yaml" || true; }

fresh
tui 100 30 ':goto train<Enter>f:screendump form.txt<Enter>' p.yaml
screen form.txt form-task-100x30.txt "f shows the selected task as a form: every field, defaults greyed"
tui 80 24 'f:screendump wf.txt<Enter>jj:screendump wf2.txt<Enter>' p.yaml
screen wf.txt form-workflow-80x24.txt "on the workflow row the form shows the workflow"
screen wf2.txt form-workflow-pool-80x24.txt "the pane shows the field's type and doc line"

fresh
tui 100 30 ':goto train<Enter>fj<Enter><C-u>alpine:3.20<Enter>jjj<Space>:screendump edits.txt<Enter>:wq<Enter>' p.yaml
screen edits.txt form-edits-100x30.txt "Enter edits text in the prompt, Space toggles a boolean"
is "$(changes)" '21c21
<     image: nvcr.io/nvidia/pytorch:24.01-py3   # the training image
---
>     image: alpine:3.20   # the training image
33a34
>     lead: true' "the form wrote the text and added the boolean"

fresh
tui 100 30 ':goto fetch<Enter>fjjj<Enter><C-u>--verbose<Enter>jjjjj<Enter>s3://bucket/out<Enter>:wq<Enter>' p.yaml
is "$(changes)" '19c19,21
<     args: ["echo fetching > {{output}}/data.txt"]
---
>     args: [--verbose]
>     outputs:
>     - url: s3://bucket/out' "one word sets a list of strings; a missing list of objects gets its first item"

fresh
tui 100 30 ':goto train<Enter>fjjjjj<Del>:wq<Enter>' p.yaml
is "$(changes)" '26,28d25
<     environment:
<       EPOCHS: "10"
<       LR: "0.001"' "d removes a field"

fresh
tui 100 30 ':goto train<Enter>fjjjjjjj<Enter>:screendump files.txt<Enter>' p.yaml
screen files.txt form-to-outline-100x30.txt "Enter on a list of objects shows it in the outline"

fresh
cat >"$T/ed.sh" <<'SH'
sed -i 's/training for/fitting for/' "$1"
SH
EDITOR="sh $T/ed.sh" tui 100 30 '/training for<Enter>:screendump ml.txt<Enter>f<Enter>:wq<Enter>' p.yaml
screen ml.txt outline-multiline-100x30.txt "search finds text inside a multi-line value"
is "$(changes)" '33c33
<         print("training for", os.environ["EPOCHS"], "epochs")
---
>         print("fitting for", os.environ["EPOCHS"], "epochs")' "multi-line text goes through \$EDITOR and keeps its block style"

# structure, in the outline
fresh
tui 100 30 ':goto fetch<Enter>aprepare<Enter>:screendump added.txt<Enter>:wq<Enter>' p.yaml
screen added.txt outline-add-task-100x30.txt "a on a task adds a task after it and selects it"
is "$(changes)" '19a20,22
>   - name: prepare
>     image: alpine:3.19
>     command: [echo, prepare]' "the new task has a name, its neighbour's image and a command"

fresh
tui 100 30 ':goto train<Enter>ljjjjjl<Down>afetch-more<Enter>jlaDEBUG=1<Enter>:wq<Enter>' p.yaml
is "$(changes)" '25a26
>     - task: fetch-more
28a30
>       DEBUG: "1"' "a adds an input after an input and a variable to the environment"

fresh
tui 100 30 ':goto gpu<Enter>asmall<Enter>:wq<Enter>' p.yaml
is "$(changes)" '14a15,18
>     small:
>       cpu: 1
>       memory: 1Gi
>       storage: 1Gi' "a on a resource profile adds a profile"

fresh
tui 100 30 ':goto report<Enter>DKK:screendump dup.txt<Enter>:wq<Enter>' p.yaml
screen dup.txt outline-duplicate-100x30.txt "D copies a task under a new name; K moves it up"
is "$(changes)" '19a20,24
>   - name: report-copy
>     image: alpine:3.19
>     command: ["sh", "-c", "cat {{input:0}}/metrics.txt"]
>     inputs:
>     - task: train' "the copy sits where K moved it"

fresh
tui 100 30 ':goto fetch<Enter>J:goto report<Enter>d:screendump del.txt<Enter>u<C-r>:wq<Enter>' p.yaml
screen del.txt outline-delete-100x30.txt "d deletes a task (the problems it causes show at once)"
is "$(changes)" '16,19d15
<   - name: fetch
<     image: alpine:3.19
<     command: ["sh", "-c"]
<     args: ["echo fetching > {{output}}/data.txt"]
34c30
<   - name: report
---
>   - name: fetch
36,38c32,33
<     command: ["sh", "-c", "cat {{input:0}}/metrics.txt"]
<     inputs:
<     - task: train
---
>     command: ["sh", "-c"]
>     args: ["echo fetching > {{output}}/data.txt"]' "J moved fetch down, d deleted report; undo and redo are one step each"

cp "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml"
tui 100 30 ':goto consume<Enter>apost<Enter>:wq<Enter>' g.yaml
is "$(diff "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml" || true)" '18a19,24
>   - name: post
>     tasks:
>     - name: post-task
>       lead: true
>       image: alpine:3.19
>       command: [echo, post-task]' "a on a group adds a group with one lead task"

fresh
tui 80 24 ':goto train<Enter>f<Enter>x<Enter>jjjj<Space>d' --readonly p.yaml
is "$(changes)" "" "--readonly: the form changes nothing"

done_testing
