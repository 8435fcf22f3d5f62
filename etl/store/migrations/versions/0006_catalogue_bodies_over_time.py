"""catalogue: indicator.national_target; agency kind, budget section, validity and successors

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

AGENCY_COLUMNS = (
    ('acronym', sa.String(length=80)),
    ('kind', sa.String(length=40)),
    ('budget_section', sa.String(length=10)),
    ('valid_from', sa.String(length=10)),
    ('valid_to', sa.String(length=10)),
    ('successors', sa.Text()),
    ('source', sa.Text()),
    ('confidence', sa.String(length=20)),
)


def upgrade() -> None:
    with op.batch_alter_table('indicator') as batch:
        batch.add_column(
            sa.Column('national_target', sa.String(length=12), server_default='reference', nullable=False)
        )
    with op.batch_alter_table('agency') as batch:
        for name, type_ in AGENCY_COLUMNS:
            batch.add_column(sa.Column(name, type_, server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('agency') as batch:
        for name, _ in reversed(AGENCY_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table('indicator') as batch:
        batch.drop_column('national_target')
