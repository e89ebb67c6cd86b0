"""Reading user files while keeping positions for messages."""
