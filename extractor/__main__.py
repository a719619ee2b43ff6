"""``python -m extractor``: the ``edz`` command line."""

from extractor.launch import main

main()
