"""Pipeline stages, in order: ingest, extract, nlp, actors, places, dates, quotes, events.

A stage imports only leaf modules (records, vocab, errors, codec) and earlier stages.
"""
