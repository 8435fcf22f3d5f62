"""assessment, national_assessment, assessment_state: the progress method's results kept with
the data, brought up to date by every change (issue 15)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

NUMBERS = ('achievement_pct', 'target_used', 'achievement_basis', 'expected', 'baseline',
           'final_target', 'progress_ratio')
WORDS = ('status', 'reason', 'target_source', 'basis_source', 'baseline_source')


def judged():
    return [
        sa.Column('roadmap', sa.String(length=40), nullable=True),
        *(sa.Column(n, sa.Float(), nullable=True) for n in NUMBERS),
        *(sa.Column(n, sa.String(length=40), nullable=True) for n in WORDS),
        sa.Column('target_year', sa.Integer(), nullable=True),
        sa.Column('final_year', sa.Integer(), nullable=True),
        sa.Column('target_below_baseline', sa.Boolean(), nullable=True),
        sa.Column('category', sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('agency', sa.String(length=40), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    *judged(),
    sa.PrimaryKeyConstraint('agency', 'indicator', 'year', 'quarter', name=op.f('pk_assessment')),
    # One b-tree, the key's, instead of rows plus a key index: a national file writes 130,000.
    sqlite_with_rowid=False,
    )
    op.create_table('national_assessment',
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('computed', sa.Boolean(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('m', sa.Integer(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=False),
    sa.Column('confidence', sa.String(length=40), nullable=False),
    sa.Column('demo', sa.Boolean(), nullable=False),
    *judged(),
    sa.PrimaryKeyConstraint('indicator', 'year', 'quarter', name=op.f('pk_national_assessment'))
    )
    state = op.create_table('assessment_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_state'))
    )
    # Not built yet: readers compute live until `etl init` or `etl assess` builds the rows.
    op.bulk_insert(state, [{'id': 1, 'fingerprint': None, 'built_at': None}])


def downgrade() -> None:
    op.drop_table('assessment_state')
    op.drop_table('national_assessment')
    op.drop_table('assessment')
