"""One module per screen; ``kit`` draws, ``base.Scene`` is the protocol."""
