"""Qt-free services over the store: the API that the GUI, the command line and tests call."""
