"""The adapter between the analyst's pages (and the board pack) and the core: pages never hold the Store.

Every call that reads or writes the store takes it here, and every write is recorded as `access.who()`.
Pure helpers of the core are named here too, so a page imports from `pages.ui` only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pages.ui import access, data
from safeguarding import catalogue, definitions, feedback, history, la_profile, loading, safety, settings, thresholds
from safeguarding import uploads
from safeguarding.export import download, packs, snapshots, suppression
from safeguarding.export.contents import preset_ids
from safeguarding.periods import last_ended_quarters
from safeguarding.template_writer import write_template

# Upload returns
UPLOAD_LIMIT_MB = safety.MAX_FILE_BYTES // 1024 // 1024
READY, REJECTED, BUSY, STATUS_WORDS = uploads.READY, uploads.REJECTED, uploads.BUSY, uploads.STATUS_WORDS
summary, overlaps, new_values, restated_values = uploads.summary, uploads.overlaps, uploads.new_values, \
    uploads.restated_values
problems_frame, problems_workbook = feedback.frame, feedback.workbook


def check(name: str, content: bytes, earlier: uploads.CheckedFile | None = None) -> uploads.CheckedFile:
    """A file read and compared with the store; one read before is only compared again if the store changed."""
    store = data.store()
    if earlier is None:
        return uploads.check(store, name, content)
    return earlier if earlier.generation == store.generation else uploads.compare(store, earlier)


def load(files: list[uploads.CheckedFile]) -> list[uploads.Outcome]:
    """Load the files that passed, recorded as the person using this session."""
    return uploads.load(data.store(), files, access.who())


# Submissions
titles, agency_names = history.titles, history.agency_names


def submissions() -> pd.DataFrame:
    return history.submissions(data.store())


def submission(submission_id: int) -> history.Submission | None:
    return history.submission(data.store(), submission_id)


def submission_values(submission_id: int) -> pd.DataFrame:
    return history.values(data.store(), submission_id)


def submission_warnings(submission_id: int) -> pd.DataFrame:
    return history.warnings(data.store(), submission_id)


def rollback(submission_id: int) -> bool:
    """Withdraw a submission's values; False when it had already been rolled back."""
    return loading.rollback(data.store(), submission_id, access.who())


def recent_changes(actions: list[str]) -> pd.DataFrame:
    return history.recent_changes(data.store(), actions)


# RAG thresholds
METHODS, LIMIT_FIELDS, ThresholdError = thresholds.METHODS, thresholds.FIELDS, thresholds.ThresholdError
limits, limit_problems, describe_limits = thresholds.limits, thresholds.problems, thresholds.describe
indicators, THEMES = definitions.indicators, definitions.THEMES


def stored_limits(indicator_id: str) -> thresholds.Stored:
    return thresholds.stored(data.store(), indicator_id)


def preview_limits(indicator_id: str, proposed: thresholds.Limits, period: str | None,
                   view: str) -> thresholds.Preview:
    return thresholds.preview(data.store(), indicator_id, proposed, period, view)


def save_limits(indicator_id: str, proposed: thresholds.Limits) -> None:
    thresholds.save(data.store(), indicator_id, proposed, access.who())


def reset_limits(indicator_id: str) -> thresholds.Limits:
    return thresholds.reset(data.store(), indicator_id, access.who())


def limit_history(indicator_id: str) -> pd.DataFrame:
    return thresholds.history(data.store(), indicator_id)


def limits_overview() -> pd.DataFrame:
    return thresholds.overview(data.store())


# Settings
SettingsError, neighbours = settings.SettingsError, la_profile.neighbours


def partnership_name() -> str:
    return settings.partnership_name(data.store())


def suppression_threshold() -> int:
    return settings.suppression_threshold(data.store())


def is_demo() -> bool:
    return settings.is_demo(data.store())


def disclosure_rule() -> str:
    return settings.disclosure_rule(data.store())


DISCLOSURE_RULES, explain_disclosure = suppression.RULES, suppression.explain


def la_from_registry() -> bool:
    """Whether the partnership's local authorities are set in the secrets file (several partnerships)."""
    return access.partnership() is not None


def update_settings(la_code: int | None, name: str | None, suppression: int | None,
                    disclosure: str | None = None) -> None:
    settings.update(data.store(), access.who(), la_code=None if la_from_registry() else la_code, name=name,
                    suppression=suppression, disclosure=disclosure)


def set_population_override(year: int, population: int | None) -> None:
    settings.set_population_override(data.store(), access.who(), year, population)


def la_code() -> int | None:
    return la_profile.current_code(data.store())


def authorities() -> list:
    return la_profile.authorities(data.store())


def la_names() -> str:
    return data.partnership().la_name


def la_choices() -> list[tuple[int, str, str]]:
    return la_profile.choices(data.store())


def la_details(code: int | None):
    return la_profile.details(data.store(), code)


def populations(code: int | None) -> pd.DataFrame:
    return la_profile.populations(data.store(), code)


# Templates
agencies, requested, template = catalogue.agencies, uploads.requested, write_template


def template_quarters(count: int | None = None) -> list:
    """The last ended quarters (four unless `count` says), oldest first."""
    today = dt.date.today()
    return last_ended_quarters(today, count) if count else last_ended_quarters(today)


# Board pack
PRESETS, MEDIA_TYPES, ExportError, pack_file_name = packs.PRESETS, packs.MEDIA_TYPES, packs.ExportError, \
    packs.file_name
chromium_available, headlines = snapshots.chromium_available, definitions.headlines


def pack_contents(preset) -> tuple[str, list[str]]:
    """The pack's title and its indicators, in order."""
    return preset_ids(preset)


def may_clear_commentary() -> bool:
    """Only an analyst may put commentary on hidden figures back into a pack (having read it)."""
    return access.is_analyst()


def export_pack(fmt: str, period: str, view: str, preset, final: bool, cleared: bool = False) -> bytes:
    """The pack; `cleared`: the analyst cleared partners' commentary beside hidden figures for this pack."""
    return packs.export_pack(data.store(), fmt, period=period, view=view, preset=preset, final=final,
                             commentary_on_hidden=cleared)


def scorecard_files(period: str, view: str):
    """Makers of the scorecard as XLSX and CSV; they take the store now, as they run later in another thread."""
    store = data.store()
    return (lambda: download.scorecard_xlsx(store, period, view)), (lambda: download.scorecard_csv(store, period, view))
