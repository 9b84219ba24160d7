"""Pure numerical models: numpy only, no plotting, no widgets."""
