/**
 * Vocabularies for the candidate–job matching demo data (matching-profiles.ts, matching.ts).
 * Fields are the career ladders of careers.ts. A skill or degree is a canonical id with the ways
 * people write it ("scikit-learn", "sklearn"): the hidden relevance compares canonical ids, the
 * texts carry the surface forms, so a text matcher sees synonyms, abbreviations and tokens its
 * tokenizer drops ("R", "C++", "a/b") the way it would in real CVs and postings.
 */

/** canonical skill → surface forms (the first is the common one). */
export const SKILL_FORMS: Record<string, string[]> = {
  python: ['python', 'Python 3', 'python (pandas, numpy)'],
  sql: ['SQL', 'sql', 'SQL (Postgres, BigQuery)'],
  excel: ['Excel', 'MS Excel', 'advanced Excel (pivot tables, VLOOKUP)'],
  tableau: ['Tableau', 'tableau dashboards'],
  powerbi: ['Power BI', 'PowerBI'],
  looker: ['Looker', 'LookML'],
  statistics: ['statistics', 'statistical analysis', 'stats'],
  dashboards: ['dashboards', 'dashboarding', 'KPI dashboards'],
  dataviz: ['data visualization', 'data visualisation', 'dataviz'],
  reporting: ['reporting', 'business reporting'],
  abtesting: ['A/B testing', 'experimentation', 'a/b tests'],
  ml: ['machine learning', 'ML', 'machine-learning models'],
  pandas: ['pandas', 'Pandas/NumPy'],
  sklearn: ['scikit-learn', 'sklearn'],
  rlang: ['R', 'R (tidyverse)', 'RStudio'],
  deeplearning: ['deep learning', 'neural networks', 'DL'],
  featureeng: ['feature engineering', 'feature pipelines'],
  bayesian: ['Bayesian modeling', 'bayesian statistics', 'probabilistic programming'],
  pytorch: ['PyTorch', 'pytorch', 'torch'],
  tensorflow: ['TensorFlow', 'tensorflow/keras', 'Keras'],
  mlops: ['MLOps', 'model deployment', 'ML pipelines in production'],
  docker: ['Docker', 'docker', 'containers'],
  kubernetes: ['Kubernetes', 'k8s'],
  spark: ['Spark', 'PySpark', 'Apache Spark'],
  airflow: ['Airflow', 'Apache Airflow'],
  distributed: ['distributed training', 'multi-GPU training'],
  typescript: ['TypeScript', 'typescript', 'TS'],
  javascript: ['JavaScript', 'JS', 'ES6'],
  react: ['React', 'React.js', 'ReactJS'],
  golang: ['Go', 'Golang'],
  java: ['Java', 'Java/Spring'],
  cpp: ['C++', 'modern C++'],
  restapi: ['REST APIs', 'RESTful services', 'API design'],
  cicd: ['CI/CD', 'continuous integration', 'GitHub Actions'],
  systemdesign: ['system design', 'distributed systems', 'software architecture'],
  git: ['Git', 'git'],
  postgres: ['PostgreSQL', 'Postgres'],
  aws: ['AWS', 'Amazon Web Services', 'cloud (AWS)'],
  peoplemgmt: ['people management', 'managing engineers', 'line management'],
  hiring: ['hiring', 'recruiting engineers', 'building teams'],
  roadmapping: ['roadmapping', 'product roadmaps', 'roadmap planning'],
  agile: ['Agile', 'Scrum', 'agile/scrum'],
  stakeholder: ['stakeholder management', 'stakeholder communication', 'working with stakeholders'],
  mentoring: ['mentoring', 'coaching', 'mentorship'],
  budgeting: ['budgeting', 'budget ownership'],
  delivery: ['delivery management', 'project delivery', 'shipping on time'],
  userresearch: ['user research', 'customer interviews', 'UX research'],
  productstrategy: ['product strategy', 'product vision'],
  figma: ['Figma', 'wireframing'],
  prioritization: ['prioritization', 'prioritisation', 'backlog management'],
  productanalytics: ['product analytics', 'Amplitude', 'Mixpanel'],
  gotomarket: ['go-to-market', 'GTM strategy', 'product launches'],
  negotiation: ['negotiation', 'negotiating'],
  crm: ['Salesforce', 'CRM', 'HubSpot CRM'],
  prospecting: ['prospecting', 'lead generation', 'outbound prospecting'],
  pipeline: ['pipeline management', 'sales pipeline', 'forecasting'],
  coldcalling: ['cold calling', 'cold outreach'],
  accountmgmt: ['account management', 'key accounts', 'client relationships'],
  closing: ['closing deals', 'closing', 'quota attainment'],
  presenting: ['presentation skills', 'public speaking', 'presenting'],
  lessonplanning: ['lesson planning', 'planning lessons', 'lesson plans'],
  curriculum: ['curriculum design', 'curriculum development', 'schemes of work'],
  classroom: ['classroom management', 'behaviour management', 'behavior management'],
  assessment: ['assessment', 'marking and feedback', 'formative assessment'],
  differentiation: ['differentiated instruction', 'differentiation'],
  safeguarding: ['safeguarding', 'child protection'],
  sen: ['special educational needs', 'SEN', 'SEND support'],
  parents: ['parent communication', 'working with parents'],
  sourcing: ['sourcing', 'candidate sourcing', 'talent sourcing'],
  interviewing: ['interviewing', 'structured interviews', 'screening calls'],
  ats: ['applicant tracking systems', 'ATS (Greenhouse, Lever)', 'Greenhouse'],
  branding: ['employer branding', 'recruitment marketing'],
  onboarding: ['onboarding', 'new hire onboarding'],
  linkedin: ['LinkedIn Recruiter', 'LinkedIn sourcing'],
  hrcompliance: ['HR compliance', 'employment law basics'],
  leadership: ['leadership', 'team leadership', 'leading teams'],
  communication: ['communication', 'written and verbal communication', 'communication skills'],
  teamwork: ['teamwork', 'team player', 'collaboration'],
  problemsolving: ['problem solving', 'problem-solving', 'analytical thinking'],
  office: ['Microsoft Office', 'MS Office', 'Google Workspace'],
  timemgmt: ['time management', 'organisation', 'organization'],
  projectmgmt: ['project management', 'PRINCE2', 'Jira'],
  languages: ['Spanish', 'German', 'French', 'bilingual English/Spanish'],
};

/** Skills of each field, most central first (postings and people draw mostly from the front). */
export const FIELD_SKILLS: Record<string, string[]> = {
  analytics: ['sql', 'excel', 'dashboards', 'tableau', 'statistics', 'reporting', 'python', 'dataviz', 'powerbi', 'abtesting', 'looker', 'stakeholder'],
  datascience: ['python', 'statistics', 'ml', 'sql', 'pandas', 'sklearn', 'abtesting', 'rlang', 'featureeng', 'dataviz', 'deeplearning', 'bayesian'],
  ml: ['python', 'pytorch', 'ml', 'deeplearning', 'mlops', 'docker', 'tensorflow', 'kubernetes', 'spark', 'featureeng', 'distributed', 'airflow', 'cpp'],
  software: ['typescript', 'javascript', 'react', 'sql', 'restapi', 'git', 'docker', 'golang', 'java', 'python', 'cicd', 'postgres', 'aws', 'systemdesign', 'kubernetes', 'cpp'],
  engmgmt: ['peoplemgmt', 'hiring', 'agile', 'delivery', 'stakeholder', 'mentoring', 'systemdesign', 'roadmapping', 'budgeting', 'cicd', 'aws'],
  product: ['roadmapping', 'userresearch', 'prioritization', 'stakeholder', 'productstrategy', 'abtesting', 'agile', 'sql', 'productanalytics', 'figma', 'gotomarket'],
  sales: ['negotiation', 'crm', 'prospecting', 'pipeline', 'closing', 'accountmgmt', 'coldcalling', 'presenting', 'stakeholder', 'gotomarket'],
  teaching: ['lessonplanning', 'classroom', 'assessment', 'curriculum', 'differentiation', 'safeguarding', 'parents', 'sen', 'presenting', 'mentoring'],
  recruiting: ['sourcing', 'interviewing', 'ats', 'stakeholder', 'linkedin', 'negotiation', 'onboarding', 'branding', 'hrcompliance', 'crm'],
};

/** Soft and general skills people list whatever their field (relevance ignores them). */
export const GENERIC_SKILLS = ['communication', 'teamwork', 'problemsolving', 'office', 'timemgmt', 'projectmgmt', 'languages'];

/** Fields close enough that experience in one counts for part of the other (symmetric). */
export const NEIGHBOURS: Record<string, string[]> = {
  analytics: ['datascience', 'product'],
  datascience: ['analytics', 'ml'],
  ml: ['datascience', 'software'],
  software: ['ml', 'engmgmt'],
  engmgmt: ['software', 'product'],
  product: ['analytics', 'engmgmt', 'sales'],
  sales: ['product', 'recruiting'],
  teaching: ['recruiting'],
  recruiting: ['sales', 'teaching'],
};

/** Seniority 0–4 (junior … director) of a ladder rung: its level plus the ladder's entry offset. */
export const SENIORITY_OFFSET: Record<string, number> = { ml: 1, engmgmt: 3 };

/** jobs.title (generate.ts) → field and seniority. */
export const JOB_TITLES: Record<string, { field: string; seniority: number }> = {
  'junior analyst': { field: 'analytics', seniority: 0 },
  'data analyst': { field: 'analytics', seniority: 1 },
  'senior data analyst': { field: 'analytics', seniority: 2 },
  'data scientist': { field: 'datascience', seniority: 1 },
  'senior data scientist': { field: 'datascience', seniority: 2 },
  'ml engineer': { field: 'ml', seniority: 1 },
  'sr ml eng': { field: 'ml', seniority: 2 },
  'engineering mgr': { field: 'engmgmt', seniority: 3 },
  'product manager': { field: 'product', seniority: 1 },
  teacher: { field: 'teaching', seniority: 1 },
  'sales rep': { field: 'sales', seniority: 0 },
};

/** What the work is, per field: a posting's experience section draws two or three of these. */
export const DUTIES: Record<string, string[]> = {
  analytics: ['build and maintain dashboards for the business', 'turn ad-hoc questions into analyses and reports', 'own weekly KPI reporting', 'work with finance and operations on metrics definitions', 'analyse funnels and customer behaviour'],
  datascience: ['design and analyse experiments', 'build predictive models from prototype to production', 'own the statistical methodology of product decisions', 'work with engineers to ship models', 'explain model results to non-technical audiences'],
  ml: ['train, evaluate and deploy machine learning models', 'build training and inference pipelines', 'optimise model serving latency', 'maintain feature stores and data pipelines', 'scale training on GPU clusters'],
  software: ['design, build and ship features end to end', 'write well-tested backend services', 'review code and improve reliability', 'build web frontends'],
  engmgmt: ['lead a team of software engineers', 'run hiring and performance reviews', 'own delivery and technical roadmaps', 'grow and coach engineers', 'partner with product on planning'],
  product: ['own the roadmap for a product area', 'run discovery and user research', 'write specs and prioritise the backlog', 'define success metrics and launch features', 'align engineering, design and sales'],
  sales: ['prospect and qualify new accounts', 'run demos and close deals', 'manage a pipeline in the CRM', 'hit a quarterly quota', 'grow existing customer accounts'],
  teaching: ['plan and deliver engaging lessons', 'assess pupils and give feedback', 'manage a classroom of 30 pupils', 'support pupils with special educational needs', 'communicate with parents and colleagues'],
  recruiting: ['source and screen candidates', 'run interview loops', 'partner with hiring managers', 'manage offers and onboarding'],
};

/** Who a posting says the hire works with: titles from other fields, so a posting's words overlap other careers too. */
export const COLLABORATORS: Record<string, string[]> = {
  analytics: ['product manager', 'finance team', 'data scientist', 'software engineer', 'sales manager'],
  datascience: ['product manager', 'software engineer', 'data analyst', 'machine learning engineer', 'engineering manager'],
  ml: ['data scientist', 'software engineer', 'product manager', 'senior data scientist', 'engineering manager'],
  software: ['product manager', 'data scientist', 'engineering manager'],
  engmgmt: ['product manager', 'director of product', 'senior software engineer', 'data scientist', 'recruiter'],
  product: ['engineering manager', 'data analyst', 'software engineer', 'account executive', 'data scientist'],
  sales: ['account executive', 'product manager', 'sales manager', 'recruiter'],
  teaching: ['head of department', 'teaching assistant', 'senior teacher', 'deputy head teacher'],
  recruiting: ['engineering manager', 'hiring manager', 'account executive'],
};

/** How each seniority (0–4) is written in a posting. */
export const SENIORITY_WORDS = [
  ['entry level', 'graduates welcome', '0–2 years of experience'],
  ['2+ years of experience', 'mid level', '3+ years of experience'],
  ['senior level', '5+ years of experience', 'proven track record over 5+ years'],
  ['lead level', '8+ years of experience including leading others', 'management experience required'],
  ['director level', '10+ years of experience', 'executive leadership'],
];

/** canonical degree subject → how it is written. */
export const SUBJECTS: Record<string, string[]> = {
  cs: ['Computer Science', 'Computing', 'CS'],
  stats: ['Statistics', 'Applied Statistics'],
  maths: ['Mathematics', 'Maths', 'Applied Mathematics'],
  econ: ['Economics', 'Econometrics'],
  physics: ['Physics', 'Theoretical Physics'],
  ee: ['Electrical Engineering', 'Electronic Engineering'],
  swe: ['Software Engineering'],
  datasci: ['Data Science', 'Data Science and Analytics'],
  business: ['Business Administration', 'Business Management', 'Business'],
  marketing: ['Marketing'],
  comms: ['Communications', 'Media and Communications'],
  education: ['Education', 'Primary Education', 'Secondary Education'],
  english: ['English Literature', 'English'],
  history: ['History', 'Modern History'],
  biology: ['Biology', 'Biological Sciences'],
  psychology: ['Psychology'],
  hr: ['Human Resource Management', 'HR Management'],
  design: ['Design', 'Interaction Design'],
};

/** Subjects people on a field studied (front = commoner), and what postings in it ask for. */
export const FIELD_SUBJECTS: Record<string, { studied: string[]; wanted: string[]; related: string[] }> = {
  analytics: { studied: ['econ', 'maths', 'business', 'stats', 'cs', 'psychology'], wanted: ['stats', 'econ', 'maths'], related: ['cs', 'business', 'datasci', 'physics'] },
  datascience: { studied: ['stats', 'cs', 'maths', 'physics', 'econ', 'datasci'], wanted: ['stats', 'cs', 'maths'], related: ['physics', 'econ', 'datasci', 'ee'] },
  ml: { studied: ['cs', 'maths', 'ee', 'physics', 'stats'], wanted: ['cs', 'maths', 'ee'], related: ['stats', 'physics', 'swe', 'datasci'] },
  software: { studied: ['cs', 'swe', 'ee', 'maths', 'physics', 'history'], wanted: ['cs', 'swe'], related: ['ee', 'maths', 'physics'] },
  engmgmt: { studied: ['cs', 'swe', 'ee', 'business'], wanted: ['cs', 'swe'], related: ['ee', 'business', 'maths'] },
  product: { studied: ['business', 'cs', 'design', 'econ', 'psychology', 'comms'], wanted: ['business', 'cs'], related: ['design', 'econ', 'psychology', 'comms'] },
  sales: { studied: ['business', 'marketing', 'comms', 'history', 'english', 'psychology'], wanted: ['business', 'marketing'], related: ['comms', 'econ'] },
  teaching: { studied: ['education', 'english', 'history', 'maths', 'biology', 'physics'], wanted: ['education'], related: ['english', 'history', 'maths', 'biology', 'physics'] },
  recruiting: { studied: ['psychology', 'hr', 'business', 'comms', 'english'], wanted: ['hr', 'psychology'], related: ['business', 'comms'] },
};

/** Degree levels: 0 none, 1 certificate/bootcamp, 2 bachelor, 3 master, 4 doctorate (first form the commonest). */
export const DEGREE_FORMS: Record<number, string[]> = {
  0: ['High school diploma', 'A-levels', 'Self-taught'],
  1: ['Certificate in', 'Bootcamp:', 'Diploma in'],
  2: ["Bachelor's degree in", 'BSc', 'BA', 'B.Sc.', 'BA (Hons)', 'Bachelor of Science in'],
  3: ["Master's degree in", 'MSc', 'MA', 'M.Sc.', 'Master of Science in'],
  4: ['PhD in', 'Ph.D. in', 'Doctorate in'],
};

export const INSTITUTIONS = [
  'University of Northfield', 'Lakeside State University', 'Riverside Institute of Technology', 'Eastbrook College',
  'Università di Verona', 'Technische Universität Kernstadt', 'Open University', 'Westmoor Polytechnic', 'Kingsbridge University', 'Université de Montclair',
];
