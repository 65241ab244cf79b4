"""The bottom layer every app may use: bilingual text, absolute links, dashboard panels,
periodic jobs and domain events.

Nothing here imports an app of aicert. The registries (:mod:`.dashboard`, :mod:`.periodic`,
:mod:`.events`) are how an app tells the apps above it, or the portal on top, what it
contributes, without the lower app importing the higher one (see the layer map in the README).
"""
