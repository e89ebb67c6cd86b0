"""The formats users write: testimony and the project configuration (strict Pydantic models)."""
