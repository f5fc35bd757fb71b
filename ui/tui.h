/* tui: `osmo-tui [OPTIONS] [FILE]`, the interactive terminal interface. */
#ifndef OSMO_UI_TUI_H
#define OSMO_UI_TUI_H

/* Parse the TUI options of argv (argv[0] is the program), set up the
 * terminal and run the app. Returns the exit status. */
int tui_main(int argc, char **argv);

#endif
