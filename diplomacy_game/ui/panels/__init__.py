"""The game screen's panels: the map, the header, the hand (with the status line and the buttons)
and the side panels (factions, tracks, calendar, log). Each owns its layout, its drawing and
its hit zones; ``draw`` only reads."""
