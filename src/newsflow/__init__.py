"""newsflow: a news agency news flow system."""
