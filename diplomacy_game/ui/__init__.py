"""The pygame front end: it shows a SeatView and submits actions; it holds no rule."""
