"""Pages of a network about pledges."""
