/* complete: Tab completion for the prompts.
 *
 * The `:` prompt completes command names (from the command table), then
 * the argument of the command: view names, file names, task/group/profile
 * names for goto, document paths for set. File prompts complete file names.
 */
#ifndef OSMO_UI_COMPLETE_H
#define OSMO_UI_COMPLETE_H

#include "prompt.h"

/* The completion function for prompts of kind (NULL when none); its
 * context is the struct app. */
prompt_complete_fn *complete_for(enum prompt_kind kind);

#endif
