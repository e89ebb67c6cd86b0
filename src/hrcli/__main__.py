"""Allow ``python -m hrcli``."""

from hrcli.cli import main

if __name__ == "__main__":
    main()
