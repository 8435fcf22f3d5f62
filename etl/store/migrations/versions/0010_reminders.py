"""sent_reminder: the deadline reminders e-mailed, once per agency, period and kind (issue 17)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sent_reminder',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['agency'], ['agency.code'], name=op.f('fk_sent_reminder_agency_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminder')),
    sa.UniqueConstraint('agency', 'year', 'quarter', 'kind', name='uq_sent_reminder_period_kind')
    )


def downgrade() -> None:
    op.drop_table('sent_reminder')
