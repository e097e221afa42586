"""The demo: content as data files in this folder, read by one loader (`loader.py`) that writes
through the services of news, events and contingents, and `manage.py load_demo`.

It sits at the top of the house: it uses every app, no app uses it.
"""
