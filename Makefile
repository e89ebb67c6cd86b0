# The two commands of the README. Both set up their own virtual environment (.venv) from nothing
# but Python 3.11+ and pip; scripts/dev.py does the work so it also runs where make is missing.
PYTHON ?= python3

.PHONY: demo test catalog benchmark clean

demo:  ## set up and run hrcli on the bundled example
	$(PYTHON) scripts/dev.py demo

test:  ## set up and run the tests
	$(PYTHON) scripts/dev.py test

catalog:  ## rebuild catalog/ from the UN source texts (../shared/catalog-sources)
	$(PYTHON) scripts/build_catalog.py

benchmark:  ## run the speed benchmarks
	$(PYTHON) scripts/dev.py bench

clean:
	rm -rf .venv build dist .pytest_cache
