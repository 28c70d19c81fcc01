"""The vocabulary of OGP's commitment spreadsheet: its 171 columns, in their order, and the labels a
column may hold with what Samskap stores for each (and how it spells them when exporting)."""

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from samskap.commitments.models import CompletionLevel
from samskap.review.models import IRMAssessment

COLUMNS: tuple[str, ...] = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Code",
    "Region",
    "National Or Local",
    "Commitment Dummy",
    "Year Of Submission",
    "Action Plan End Year",
    "Action Plan Duration (Years)",
    "Theme",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
    "Anti-Corruption and Integrity",
    "Anti-corruption Institutions",
    "Anti-Corruption Strategies",
    "Asset Disclosure",
    "Audits",
    "Beneficial Ownership",
    "Conflicts Of Interest",
    "Elections",
    "Political Finance",
    "Lobbying",
    "Open Contracting",
    "Public Procurement",
    "Right To Information",
    "Whistleblower Protections",
    "Civic Space and Enabling Environment",
    "Freedom of Assembly",
    "Freedom of Association",
    "Freedom of Expression",
    "Democratizing Decision-Making",
    "Digital Participation",
    "Mainstreaming Participation",
    "Regulatory Governance",
    "Social Accountability",
    "Digital Governance",
    "Automated Decision-making",
    "Data Stewardship and Privacy",
    "Digital Inclusion",
    "Disinformation/Misinformation",
    "Online Civic Space",
    "Environment & Climate",
    "Climate Finance",
    "Climate Mitigation and Adaptation",
    "Environmental Regulation",
    "International Environmental Agreements",
    "Fiscal Openness",
    "Publication Of Budget/Fiscal Information",
    "Public Participation In Budget/Fiscal Policy",
    "Oversight Of Budget/Fiscal Policies",
    "Stimulus and Economic Recovery",
    "Tax",
    "Debt",
    "Inclusion",
    "Gender",
    "Gender-Based Violence",
    "Economic Inclusion",
    "LGBTQIA+",
    "People with Disabilities",
    "Youth",
    "Justice",
    "Access to Justice",
    "Open Justice",
    "Policing & Corrections",
    "Judiciary",
    "Open Parliaments",
    "Public Service Delivery",
    "Citizenship & Immigration",
    "Education",
    "Health & Nutrition",
    "Infrastructure & Transport",
    "Water & Sanitation",
    "Capacity Building",
    "Digital Transformation",
    "Legislation",
    "Regulation",
    "Legislative Oversight",
    "Open Data",
    "Public Participation",
    "Aid",
    "Energy",
    "Extractive Industries",
    "Land and Spatial Planning",
    "Media & Telecommunications",
    "Science & Technology",
    "Security & Public Safety",
    "Labor",
    "Private Sector",
    "Subnational",
    "Human Rights",
    "Open Parliament Plan",
    "Sustainable Development Goals",
    "Open Data (Water/Sanitation)",
    "Open Data (Health)",
    "Open Data (Education)",
    "Participation in Lawmaking",
    "Access to information",
    "Money in Politics",
    "Report Publication Year (Progress Report)",
    "Compound",
    "Cluster",
    "Specificity",
    "_Specificity",
    "Verifiable",
    "OGP Value Access To Information",
    "OGP Value Civic Participation",
    "OGP Value Public Accountability",
    "OGP Value Technology",
    "_Relevant",
    "Potential Impact",
    "_Potential Impact",
    "Completion (Progress Report)",
    "_CompletionProgress",
    "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report",
    "Potential for Results",
    "_Potential for Results",
    "Cluster (AP Review)",
    "Cluster Commitment ID(s)",
    "Report Publication Year (End Of Term)",
    "Completion (End Of Term)",
    "_CompletionEndTerm",
    "Change In Completion",
    "_ChangeCompletion",
    "Early Results",
    "_Early Results",
    "Did It Open Government (Overall)",
    "_OpenGovernment",
    "Did It Open Government (Access To Information)",
    "_DIOGATI",
    "Did It Open Government (Civic Participation)",
    "_DIOGCP",
    "Did It Open Government: Public Accountability",
    "_DIOGPA",
    "Starred (Current Formula) End of Term",
    "Carried Forward",
    "Most Recently Assessed",
    "Star - Most Recently Assessed",
    "IRM Assessed",
    "Updated? (Website)",
    "Active Commitment",
    "Max star",
    "Ambition Assessed",
    "Comp Assessed",
    "DIOG Assessed",
    "Midterm Only",
    "Max Completion",
    "Raw Completion",
    "High Completion",
    "High Ambition",
    "High DIOG",
    "Ambitious and complete, or DIOG",
    "Ambitious but not complete",
    "Complete but not ambitious",
    "Not complete or ambitious",
    "Not reviewed",
    "CHECKSUM",
    "IRM-Based Score",
    "Binding constraint",
    "URL",
    "Latest IRM Report",
    "Subnational in NAPs",
    "Action Plan ID",
    "id",
)

#: The 0/1 policy-area flag columns.
POLICY_AREA_COLUMNS: tuple[str, ...] = COLUMNS[19:105]

NO_DATA = frozenset({"", "ND", "NR", "NA", "N/A"})
PARSED_KEPT = 200  # distinct cells of a label column remembered (a bad file may hold any text)
REQUIRED = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Code",
    "National Or Local",
    "Year Of Submission",
    "Action Plan End Year",
    "Commitment Title",
)
A = IRMAssessment

YES_NO = {"yes": True, "no": False, "1": True, "0": False}
FLAG = {"1": True, "0": False}
SPECIFICITY = {"none": A.Specificity.NONE, "low": A.Specificity.LOW, "medium": A.Specificity.MEDIUM}
SPECIFICITY["high"] = A.Specificity.HIGH
IMPACT = {
    "none": A.PotentialImpact.NONE,
    "minor": A.PotentialImpact.MINOR,
    "moderate": A.PotentialImpact.MODERATE,
    "transformative": A.PotentialImpact.TRANSFORMATIVE,
}
RESULTS = {
    "unclear": A.PotentialForResults.UNCLEAR,
    "modest": A.PotentialForResults.MODEST,
    "substantial": A.PotentialForResults.SUBSTANTIAL,
}
COMPLETION = {
    "no evidence available": CompletionLevel.NO_EVIDENCE,
    "not started": CompletionLevel.NOT_STARTED,
    "limited": CompletionLevel.LIMITED,
    "substantial": CompletionLevel.SUBSTANTIAL,
    "complete": CompletionLevel.COMPLETE,
    "completed": CompletionLevel.COMPLETE,
    "withdrawn": CompletionLevel.WITHDRAWN,
    "unclear": CompletionLevel.UNCLEAR,
}
OPENED = {
    "not applicable": A.OpenedGovernment.NOT_APPLICABLE,
    "no early results to report yet": A.OpenedGovernment.NO_RESULTS_YET,
    "worsens": A.OpenedGovernment.WORSENED,
    "worsened": A.OpenedGovernment.WORSENED,
    "did not change": A.OpenedGovernment.DID_NOT_CHANGE,
    "marginal": A.OpenedGovernment.MARGINAL,
    "major": A.OpenedGovernment.MAJOR,
    "outstanding": A.OpenedGovernment.OUTSTANDING,
}
EARLY = {
    "no notable results": A.EarlyResults.NONE,
    "moderate": A.EarlyResults.MODERATE,
    "significant": A.EarlyResults.SIGNIFICANT,
}


def _labels(vocabulary: dict[str, Any], spelled: dict[Any, str]) -> dict[Any, str]:
    return {value: spelled.get(value, key.title()) for key, value in reversed(vocabulary.items())}


@dataclass(frozen=True)
class LabelColumn:
    """A column whose cells are labels of a vocabulary (or no data)."""

    column: str
    field: str
    vocabulary: dict[str, Any]
    spelled: dict[Any, str] = dataclasses.field(default_factory=dict)
    #: Cells already read, as they were written: a column holds a few labels, read 55,800 times in a long file.
    parsed: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def parse(self, text: str) -> Any:
        if text in self.parsed:
            return self.parsed[text]
        value = self.parse_cell(text)  # an unknown label raises and is not kept
        if len(self.parsed) < PARSED_KEPT:
            self.parsed[text] = value
        return value

    def parse_cell(self, text: str) -> Any:
        text = " ".join(text.split())
        if text in NO_DATA:
            return None
        key = text.lower()
        if key not in self.vocabulary:
            raise ValueError(
                _("unknown label %(label)s (expected one of: %(known)s)")
                % {"label": repr(text[:60]), "known": ", ".join(sorted({k.title() for k in self.vocabulary}))}
            )
        return self.vocabulary[key]

    def format(self, value: Any) -> str:
        if value is None or value == "":
            return "ND"
        return _labels(self.vocabulary, self.spelled)[value]


BOOL_SPELLING = {True: "1", False: "0"}
YES_SPELLING = {True: "Yes", False: "No"}
COMPLETION_SPELLING = {CompletionLevel.NOT_STARTED: "Not Started", CompletionLevel.COMPLETE: "Complete"}
OPENED_SPELLING = {
    A.OpenedGovernment.WORSENED: "Worsens",
    A.OpenedGovernment.DID_NOT_CHANGE: "Did Not Change",
    A.OpenedGovernment.NO_RESULTS_YET: "No early results to report yet",
    A.OpenedGovernment.NOT_APPLICABLE: "Not Applicable",
}
EARLY_SPELLING = {A.EarlyResults.NONE: "No notable results"}

RELEVANCE = [
    LabelColumn("OGP Value Access To Information", "relevant_access_to_information", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Civic Participation", "relevant_civic_participation", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Public Accountability", "relevant_public_accountability", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Technology", "relevant_technology_innovation", FLAG, BOOL_SPELLING),
]
#: Per report: its publication-year column and its label columns.
REPORTS: dict[str, tuple[str | None, list[LabelColumn]]] = {
    A.ReportType.PROGRESS: (
        "Report Publication Year (Progress Report)",
        [
            LabelColumn("Specificity", "specificity", SPECIFICITY),
            LabelColumn("Verifiable", "verifiable", YES_NO, YES_SPELLING),
            *RELEVANCE,
            LabelColumn("Potential Impact", "potential_impact", IMPACT),
            LabelColumn("Completion (Progress Report)", "completion", COMPLETION, COMPLETION_SPELLING),
            LabelColumn("Starred (Current Formula) Progress Report", "starred", FLAG, BOOL_SPELLING),
        ],
    ),
    A.ReportType.ACTION_PLAN_REVIEW: (
        None,
        [LabelColumn("Potential for Results", "potential_for_results", RESULTS)],
    ),
    A.ReportType.END_OF_TERM: (
        "Report Publication Year (End Of Term)",
        [
            LabelColumn("Completion (End Of Term)", "completion", COMPLETION, COMPLETION_SPELLING),
            LabelColumn("Did It Open Government (Overall)", "opened_government", OPENED, OPENED_SPELLING),
            LabelColumn(
                "Did It Open Government (Access To Information)",
                "opened_access_to_information",
                OPENED,
                OPENED_SPELLING,
            ),
            LabelColumn(
                "Did It Open Government (Civic Participation)", "opened_civic_participation", OPENED, OPENED_SPELLING
            ),
            LabelColumn(
                "Did It Open Government: Public Accountability",
                "opened_public_accountability",
                OPENED,
                OPENED_SPELLING,
            ),
            LabelColumn("Early Results", "early_results", EARLY, EARLY_SPELLING),
            LabelColumn("Starred (Current Formula) End of Term", "starred", FLAG, BOOL_SPELLING),
        ],
    ),
}
ASSESSMENT_FIELDS = sorted({c.field for _year, columns in REPORTS.values() for c in columns} | {"report_year"})
POLICY_FLAG = LabelColumn("policy area", "", FLAG, BOOL_SPELLING)
