/* tuiconfig: the user's config file (src/settings.h) as the TUI applies it.
 *
 * The TUI reads the same file as the commands: `theme` picks a colour
 * theme by name, every `bind KEY COMMAND` line re-binds a key of the
 * command table's keymap (commands.h), `pool-file` is the default of
 * --pool-file and `osmo-command`/`pool` are what :submit runs. Nothing is
 * printed: problems (an unknown theme, key or command, a pool file that
 * does not load) are collected as text for the status line at start, and
 * the rest of the file still applies.
 */
#ifndef OSMO_UI_TUICONFIG_H
#define OSMO_UI_TUICONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "pool.h"
#include "settings.h"

/* The themes, NULL-terminated: "default" (colours when the terminal has
 * them) and "mono" (bold, underline and reverse only). */
extern const char *const tuiconfig_themes[];

/* Read the config file of the environment ($XDG_CONFIG_HOME/osmo-tui/
 * config) into c (zeroed first; empty when there is none). Problems are
 * appended to problems ("; "-separated); returns how many. */
size_t tuiconfig_load(struct settings *c, struct buf *problems);
/* Whether theme name means monochrome; an unknown name is a problem (and
 * means the default). NULL means the default. */
bool tuiconfig_mono(const char *name, struct buf *problems);
/* Apply the bind lines of c to the keymap; returns the lines refused (each
 * described in problems with its line number). */
size_t tuiconfig_binds(const struct settings *c, struct buf *problems);
/* Read the pool description at path; NULL with a problem when it cannot
 * be used. */
struct pool *tuiconfig_pool(const char *path, struct buf *problems);

#endif
