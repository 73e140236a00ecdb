"""The domain of an aktstykke: model, amounts, checks, draft files. No Qt, no Word."""
