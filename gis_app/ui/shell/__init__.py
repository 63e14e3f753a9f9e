"""The window shell: what holds the panels together.

``main_window.py`` assembles the window (map, docks, menus, toolbars, remembered
layout); ``file_actions.py`` opens files (in the background when large);
``status_bar.py`` shows the cursor position, the scale and the selection count;
``screenshot.py`` waits until background work has settled and writes the window as a
PNG; ``project_controller.py`` is New/Open/Save/Save As, recent projects, autosave,
recovery and the question on close.
"""
