"""Alignment: costs and the banded DP (dp), paragraph then sentence alignment (pipeline), flags, links."""
