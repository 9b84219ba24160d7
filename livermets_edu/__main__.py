"""`python -m livermets_edu` runs the `livermets-edu` command."""

from livermets_edu.cli import main

raise SystemExit(main())
