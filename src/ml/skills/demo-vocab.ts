/**
 * The demo jobs' skill vocabulary, copied from proxy/src/demo/matching-vocab.ts (SKILL_FORMS and
 * FIELD_SKILLS): the core may not import the server's code, and the labeled-set generator and the
 * Studio's starter dictionary need it. Canonical names are the form a person would file the skill
 * under; forms that bundle several skills ("python (pandas, numpy)") and common English words that
 * are not skills on their own ("closing", "organisation", "containers") are left out, and the
 * languages entry (a category, not a skill) is dropped.
 */
import type { SkillDictionary } from './dictionary';

/** canonical name → aliases (abbreviations and other names), category = the demo field that lists it first. */
const ENTRIES: [string, string[], string][] = [
  ['Python', ['Python 3', 'py'], 'software'],
  ['SQL', [], 'analytics'],
  ['Excel', ['MS Excel', 'Microsoft Excel'], 'analytics'],
  ['Tableau', [], 'analytics'],
  ['Power BI', ['PowerBI', 'PBI'], 'analytics'],
  ['Looker', ['LookML'], 'analytics'],
  ['statistics', ['statistical analysis', 'stats'], 'analytics'],
  ['dashboards', ['dashboarding', 'KPI dashboards'], 'analytics'],
  ['data visualization', ['data visualisation', 'dataviz'], 'analytics'],
  ['reporting', ['business reporting'], 'analytics'],
  ['A/B testing', ['experimentation', 'AB testing', 'split testing'], 'analytics'],
  ['machine learning', ['ML'], 'datascience'],
  ['pandas', ['NumPy'], 'datascience'],
  ['scikit-learn', ['sklearn'], 'datascience'],
  ['R', ['RStudio', 'tidyverse'], 'datascience'],
  ['deep learning', ['neural networks', 'DL'], 'ml'],
  ['feature engineering', ['feature pipelines'], 'datascience'],
  ['Bayesian modeling', ['bayesian statistics', 'probabilistic programming'], 'datascience'],
  ['PyTorch', ['torch'], 'ml'],
  ['TensorFlow', ['Keras', 'TF'], 'ml'],
  ['MLOps', ['model deployment'], 'ml'],
  ['Docker', [], 'ml'],
  ['Kubernetes', ['k8s'], 'ml'],
  ['Spark', ['PySpark', 'Apache Spark'], 'ml'],
  ['Airflow', ['Apache Airflow'], 'ml'],
  ['distributed training', ['multi-GPU training'], 'ml'],
  ['TypeScript', ['TS'], 'software'],
  ['JavaScript', ['JS', 'ES6'], 'software'],
  ['React', ['React.js', 'ReactJS'], 'software'],
  ['Go', ['Golang'], 'software'],
  ['Java', ['Java/Spring'], 'software'],
  ['C++', ['cpp', 'modern C++'], 'software'],
  ['REST APIs', ['RESTful services', 'API design'], 'software'],
  ['CI/CD', ['continuous integration', 'GitHub Actions'], 'software'],
  ['system design', ['distributed systems', 'software architecture'], 'software'],
  ['Git', ['GitHub', 'version control'], 'software'],
  ['PostgreSQL', ['Postgres', 'psql'], 'software'],
  ['AWS', ['Amazon Web Services'], 'software'],
  ['people management', ['managing engineers', 'line management'], 'engmgmt'],
  ['hiring', ['recruiting engineers', 'building teams'], 'engmgmt'],
  ['roadmapping', ['product roadmaps', 'roadmap planning'], 'engmgmt'],
  ['Agile', ['Scrum', 'Kanban'], 'engmgmt'],
  ['stakeholder management', ['stakeholder communication', 'working with stakeholders'], 'engmgmt'],
  ['mentoring', ['coaching', 'mentorship'], 'engmgmt'],
  ['budgeting', ['budget ownership'], 'engmgmt'],
  ['delivery management', ['project delivery'], 'engmgmt'],
  ['user research', ['customer interviews', 'UX research'], 'product'],
  ['product strategy', ['product vision'], 'product'],
  ['Figma', ['wireframing'], 'product'],
  ['prioritization', ['prioritisation', 'backlog management'], 'product'],
  ['product analytics', ['Amplitude', 'Mixpanel'], 'product'],
  ['go-to-market', ['GTM', 'GTM strategy', 'product launches'], 'product'],
  ['negotiation', ['negotiating'], 'sales'],
  ['CRM', ['Salesforce', 'HubSpot'], 'sales'],
  ['prospecting', ['lead generation', 'outbound prospecting'], 'sales'],
  ['pipeline management', ['sales pipeline', 'forecasting'], 'sales'],
  ['cold calling', ['cold outreach'], 'sales'],
  ['account management', ['key accounts', 'client relationships'], 'sales'],
  ['presentation skills', ['public speaking'], 'sales'],
  ['lesson planning', ['planning lessons', 'lesson plans'], 'teaching'],
  ['curriculum design', ['curriculum development', 'schemes of work'], 'teaching'],
  ['classroom management', ['behaviour management', 'behavior management'], 'teaching'],
  ['assessment', ['marking and feedback', 'formative assessment'], 'teaching'],
  ['differentiation', ['differentiated instruction'], 'teaching'],
  ['safeguarding', ['child protection'], 'teaching'],
  ['special educational needs', ['SEN', 'SEND'], 'teaching'],
  ['parent communication', ['working with parents'], 'teaching'],
  ['sourcing', ['candidate sourcing', 'talent sourcing'], 'recruiting'],
  ['interviewing', ['structured interviews', 'screening calls'], 'recruiting'],
  ['applicant tracking systems', ['ATS', 'Greenhouse', 'Lever'], 'recruiting'],
  ['employer branding', ['recruitment marketing'], 'recruiting'],
  ['onboarding', ['new hire onboarding'], 'recruiting'],
  ['LinkedIn Recruiter', ['LinkedIn sourcing'], 'recruiting'],
  ['HR compliance', ['employment law'], 'recruiting'],
  ['leadership', ['team leadership', 'leading teams'], 'general'],
  ['communication skills', ['written and verbal communication'], 'general'],
  ['teamwork', ['team player', 'collaboration'], 'general'],
  ['problem solving', ['analytical thinking'], 'general'],
  ['Microsoft Office', ['MS Office', 'Google Workspace'], 'general'],
  ['time management', ['prioritising deadlines'], 'general'],
  ['project management', ['PRINCE2', 'Jira'], 'general'],
];

/** The demo's skills as a dictionary: the Studio's starter dictionary and the labeled set's vocabulary. */
export function demoSkillDictionary(): SkillDictionary {
  return { name: 'demo-jobs', skills: ENTRIES.map(([name, aliases, category]) => ({ name, aliases: [...aliases], category })) };
}

/** Skills of each demo field, most central first (FIELD_SKILLS, by canonical name). */
export const DEMO_FIELDS: Record<string, string[]> = (() => {
  const byField: Record<string, string[]> = {};
  for (const [name, , category] of ENTRIES) (byField[category] ??= []).push(name);
  return byField;
})();
