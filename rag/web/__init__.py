"""The chat web UI (`rag serve`)."""
