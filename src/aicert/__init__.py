"""aicert: the platform that runs a national AI professional certification program."""
